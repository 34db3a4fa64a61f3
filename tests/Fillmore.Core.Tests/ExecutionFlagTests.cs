namespace Fillmore.Core.Tests;

using Fillmore.Core.Execution;
using Fillmore.Core.Orders;

public class ExecutionFlagTests
{
    [Theory]
    [InlineData("on", 100)]
    [InlineData("TRUE", 100)]
    [InlineData("1", 100)]
    [InlineData("off", 0)]
    [InlineData("false", 0)]
    [InlineData("0", 0)]
    [InlineData("25%", 25)]
    [InlineData(" 100% ", 100)]
    [InlineData("0%", 0)]
    public void Parses_documented_values(string text, int percent)
    {
        Assert.True(ExecutionFlag.TryParse(text, out var flag));
        Assert.Equal(percent, flag.PercentOfTraders);
    }

    [Theory]
    [InlineData("maybe")]
    [InlineData("101%")]
    [InlineData("-5%")]
    [InlineData("25")]
    [InlineData("")]
    public void Refuses_anything_else(string text) => Assert.False(ExecutionFlag.TryParse(text, out _));

    [Fact]
    public void On_and_off_are_absolute()
    {
        var trader = new TraderId("alice");
        Assert.Equal(ExecutionPath.V2, ExecutionFlag.On.PathFor(trader));
        Assert.Equal(ExecutionPath.Legacy, ExecutionFlag.Off.PathFor(trader));
    }

    [Fact]
    public void A_percentage_is_sticky_per_trader_and_raising_it_only_adds_traders()
    {
        var traders = Enumerable.Range(0, 2000).Select(i => new TraderId($"trader-{i}")).ToList();
        var at25 = traders.Where(t => new ExecutionFlag(25).PathFor(t) == ExecutionPath.V2).ToHashSet();
        var at50 = traders.Where(t => new ExecutionFlag(50).PathFor(t) == ExecutionPath.V2).ToHashSet();
        Assert.InRange(at25.Count, 400, 600);
        Assert.True(at25.IsSubsetOf(at50));
        Assert.All(traders, t => Assert.Equal(new ExecutionFlag(25).PathFor(t), new ExecutionFlag(25).PathFor(t)));
    }
}
