// Shape validation (HTTP 400) of an amend: the new terms an order would have. Only what the
// order's type has can change (a LIMIT's price, a STOP's stop price, a TRAILING_STOP's trail, any
// order's quantity but an exit's, which follows its entry); values must be positive and on the
// instrument's tick, checked as a submit checks them so that the same mistake gets the same code
// (OrderShapeRules). Every problem is reported at once, the fields no amend can change included.
// The order's state (may it be amended now?) is the transition table's answer.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;

public static class AmendRules
{
    public static IReadOnlyList<RuleViolation> Apply(Order order, AmendDraft d, decimal? tick, out OrderTerms? terms)
    {
        var errors = d.Refused.Select(f => new RuleViolation(f, ReasonCodes.FieldNotAmendable,
            $"The field '{f}' cannot be amended.", "Cancel the order and submit a new one to change it.")).ToList();
        terms = null;
        if (d.IsEmpty)
        {
            if (errors.Count == 0)
                errors.Add(new(null, ReasonCodes.AmendEmpty, "The amend changes nothing.",
                    "Send at least one of quantity, price, stop_price, trail_price or trail_percent."));
            return errors;
        }
        var t = order.Terms;
        var quantity = Quantity(order, d.Quantity, errors);
        Allowed(d.Price, "price", t.NeedsLimitPrice, t.Type, errors);
        Allowed(d.StopPrice, "stop_price", t.NeedsStopPrice, t.Type, errors);
        var trailing = t.Type == OrderType.TrailingStop;
        Allowed(d.TrailPrice, "trail_price", trailing, t.Type, errors);
        Allowed(d.TrailPercent, "trail_percent", trailing, t.Type, errors);
        if (d.TrailPrice is not null && d.TrailPercent is not null)
            errors.Add(new("trail_percent", ReasonCodes.TrailConflict, "A TRAILING_STOP has one trail, not two.",
                "Send either trail_price or trail_percent."));
        if (d.TrailPercent is <= 0 or >= 100)
            errors.Add(new("trail_percent", ReasonCodes.TrailPercentOutOfRange,
                $"trail_percent must be above 0 and below 100; it is {d.TrailPercent}.",
                "Send e.g. 2.5 for a stop 2.5 % from the best price."));
        foreach (var (field, value) in new[] { ("price", d.Price), ("stop_price", d.StopPrice),
            ("trail_price", d.TrailPrice) })
            CheckPrice(field, value, tick, errors);
        if (errors.Count > 0) return errors;
        terms = t with
        {
            Quantity = quantity ?? t.Quantity,
            LimitPrice = d.Price ?? t.LimitPrice,
            StopPrice = d.StopPrice ?? t.StopPrice,
            TrailPrice = d.TrailPercent is not null ? null : d.TrailPrice ?? t.TrailPrice,
            TrailPercent = d.TrailPrice is not null ? null : d.TrailPercent ?? t.TrailPercent,
        };
        return errors;
    }

    private static long? Quantity(Order order, decimal? quantity, List<RuleViolation> errors)
    {
        if (quantity is null) return null;
        if (order.IsExit && order.Spec.Class != OrderClass.Oco)
            errors.Add(new("quantity", ReasonCodes.FieldNotAmendable,
                "An exit's quantity follows its entry's fills; it cannot be set.",
                "Amend its price instead, or cancel the exit."));
        else if (OrderShapeRules.CheckQuantity(quantity, errors, out var whole)) return whole;
        return null;
    }

    private static void Allowed(decimal? value, string field, bool applies, OrderType type, List<RuleViolation> errors)
    {
        if (value is not null && !applies)
            errors.Add(new(field, ReasonCodes.FieldNotAmendable,
                $"A {ApiNames.Of(type)} order has no {field} to change.",
                $"Remove \"{field}\"; a {ApiNames.Of(type)} order's amendable fields are its "
                    + $"quantity{(type == OrderType.Market ? "" : " and prices")}."));
    }

    private static void CheckPrice(string field, decimal? value, decimal? tick, List<RuleViolation> errors)
    {
        if (value is null) return;
        if (value <= 0) OrderShapeRules.CheckPositive(value, field, errors);
        else if (value > OrderShapeRules.MaxPrice) OrderShapeRules.CheckNotTooLarge(value, field, errors);
        else if (tick is { } t && value % t != 0)
            errors.Add(new(field, ReasonCodes.PriceNotOnTick,
                $"The {field} {value} is not a multiple of the tick size {t}.",
                $"Use {decimal.Floor(value.Value / t) * t} or {decimal.Floor(value.Value / t) * t + t}."));
    }
}
