// What a venue charges, as the SMART router assumes it.
namespace Fillmore.Client;

public sealed record FeeSchedule
{
    public decimal TakerBps { get; init; }
    public decimal TakerPerShare { get; init; }
    public decimal MakerRebatePerShare { get; init; }
    public decimal PerOrder { get; init; }
}
