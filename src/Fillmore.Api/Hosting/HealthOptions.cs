// How health is judged (section "Fillmore:Health"): how often the store is proved writable when no
// order has been written meanwhile, and how long one write may hang before the store counts as
// unable to write (a lock held elsewhere, a hung disk, a database that stopped answering).
namespace Fillmore.Api.Hosting;

public sealed class HealthOptions
{
    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WriteStuckAfter { get; set; } = TimeSpan.FromSeconds(5);
}
