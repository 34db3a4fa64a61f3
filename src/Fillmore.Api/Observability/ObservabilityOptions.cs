// Section "Fillmore:Metrics": how often the open-orders gauge asks the store for its count.
namespace Fillmore.Api.Observability;

public sealed class ObservabilityOptions
{
    /// <summary>How stale fillmore_orders_open may be; every interval costs one count of the open orders.</summary>
    public TimeSpan OpenOrdersInterval { get; set; } = TimeSpan.FromSeconds(5);
}
