// What a venue charges (docs/routing.md, "Fees"): an order that takes liquidity pays TakerBps of its
// notional plus TakerPerShare a share; one that rests and is hit earns MakerRebatePerShare a share;
// every order sent pays PerOrder once. All in the instrument's currency.
namespace Fillmore.Core.Routing;

public sealed record FeeSchedule
{
    public static FeeSchedule None { get; } = new();

    public decimal TakerBps { get; init; }
    public decimal TakerPerShare { get; init; }
    public decimal MakerRebatePerShare { get; init; }
    public decimal PerOrder { get; init; }

    /// <summary>What taking <paramref name="quantity"/> shares at <paramref name="price"/> costs, a share.</summary>
    public decimal TakerCostPerShare(decimal price, long quantity) =>
        price * TakerBps / 10_000m + TakerPerShare + PerOrder / quantity;

    /// <summary>What resting <paramref name="quantity"/> shares costs a share once filled (negative: a
    /// rebate).</summary>
    public decimal MakerCostPerShare(long quantity) => PerOrder / quantity - MakerRebatePerShare;

    /// <summary>Null when every figure is a sensible amount; otherwise what is wrong.</summary>
    public string? Problem() =>
        TakerBps is < 0 or > 1_000 ? "TakerBps must be 0 to 1000"
        : TakerPerShare is < 0 or > 100 ? "TakerPerShare must be 0 to 100"
        : MakerRebatePerShare is < 0 or > 100 ? "MakerRebatePerShare must be 0 to 100"
        : PerOrder is < 0 or > 10_000 ? "PerOrder must be 0 to 10000"
        : null;
}
