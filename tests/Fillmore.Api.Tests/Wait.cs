// A barrier for tests: wait (in real time, bounded) until the service has done a specific thing,
// instead of sleeping and hoping it has. Fails with what it waited for.
namespace Fillmore.Api.Tests;

public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"Timed out waiting until {what}.");
            await Task.Delay(10);
        }
    }
}
