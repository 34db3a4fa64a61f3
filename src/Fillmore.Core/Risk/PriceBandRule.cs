// Rule 4: price reasonableness. A limit or stop price further than PriceBandPercent from the
// last price is almost always a typo (a fat finger), and is refused.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;

public sealed class PriceBandRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c) =>
        Judge(c, c.Order.LimitPrice, "price", "limit price") ?? Judge(c, c.Order.StopPrice, "stop_price", "stop price");

    private static RuleViolation? Judge(PreTradeContext c, decimal? price, string field, string name)
    {
        if (price is not { } p || c.Quote is not { } q || q.Last <= 0) return null;
        var band = c.Options.PriceBandPercent;
        var deviation = Math.Abs(p - q.Last) / q.Last * 100m;
        if (deviation <= band) return null;
        var (low, high) = (Math.Round(q.Last * (1 - band / 100m), 2), Math.Round(q.Last * (1 + band / 100m), 2));
        return new(field, ReasonCodes.PriceOutOfBand,
            $"The {name} {Money.Usd(p)} is {Money.Percent(Math.Round(deviation, 1))} "
                + $"{(p < q.Last ? "below" : "above")} the last price {Money.Usd(q.Last)} of {c.Order.Symbol}; "
                + $"prices more than {Money.Percent(band)} away are refused.",
            $"Use a {name} between {Money.Usd(low)} and {Money.Usd(high)}, or check the number for a typo.",
            new Dictionary<string, object?> { [field] = p, ["last"] = q.Last, ["band_percent"] = band, ["min"] = low,
                ["max"] = high });
    }
}
