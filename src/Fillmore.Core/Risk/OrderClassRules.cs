// Shape validation (HTTP 400) of what makes an order more than a single instruction: its class
// (BRACKET, OTO, OCO and their exits), a trailing stop's trail, and a GTD order's expiry. Every
// field an order carries either acts or is refused here with a code: nothing is accepted and
// ignored. A plain order with stop_loss and take_profit is a BRACKET; with only one of them, an OTO.
namespace Fillmore.Core.Risk;

using System.Globalization;
using Fillmore.Core.Orders;

public static class OrderClassRules
{
    /// <summary>The order's class: as given, or implied by its exits (SIMPLE, BRACKET, OTO).</summary>
    public static OrderClass? ClassOf(OrderDraft d, List<RuleViolation> errors)
    {
        if (d.OrderClass is null)
            return (d.StopLoss, d.TakeProfit) switch
            {
                (not null, not null) => OrderClass.Bracket,
                (null, null) => OrderClass.Simple,
                _ => OrderClass.Oto,
            };
        if (ApiNames.TryParse<OrderClass>(d.OrderClass, out var given)) return given;
        errors.Add(new("order_class", ReasonCodes.OrderClassInvalid, $"'{d.OrderClass}' is not an order class.",
            "Use SIMPLE, BRACKET, OCO or OTO."));
        return null;
    }

    /// <summary>The exits a class needs (and the ones it must not have), and their prices' sides.</summary>
    public static void CheckExits(OrderDraft d, OrderClass cls, Side side, TimeInForce tif, List<RuleViolation> errors)
    {
        var (sl, tp) = (d.StopLoss, d.TakeProfit);
        switch (cls)
        {
            case OrderClass.Simple when sl is not null || tp is not null:
                errors.Add(new(sl is not null ? "stop_loss" : "take_profit", ReasonCodes.ExitsNotAllowed,
                    "A SIMPLE order has no exits.",
                    "Remove stop_loss and take_profit, or send order_class BRACKET (or OTO)."));
                break;
            case OrderClass.Bracket when sl is null || tp is null:
                errors.Add(new(sl is null ? "stop_loss" : "take_profit", ReasonCodes.BracketExitsRequired,
                    "A BRACKET order needs both exits: stop_loss and take_profit.",
                    "Add the missing exit, or send order_class OTO with one exit."));
                break;
            case OrderClass.Oto when (sl is null) == (tp is null):
                errors.Add(new("order_class", ReasonCodes.OtoExitRequired,
                    "An OTO order has exactly one exit: stop_loss or take_profit.",
                    "Keep one of them, or send order_class BRACKET for both."));
                break;
            case OrderClass.Oco when sl is null || tp is null:
                errors.Add(new(sl is null ? "stop_loss" : "take_profit", ReasonCodes.OcoLegsRequired,
                    "An OCO order needs both legs: take_profit (a LIMIT) and stop_loss (a STOP).",
                    "Add the missing leg."));
                break;
            case OrderClass.Oco when side == Side.Sell ? tp <= sl : tp >= sl:
                errors.Add(new("take_profit", ReasonCodes.OcoLegsSameSide,
                    $"An OCO {ApiNames.Of(side)}'s take-profit must be "
                        + $"{(side == Side.Sell ? "above" : "below")} its stop-loss; "
                    + $"take_profit {tp} and stop_loss {sl} are on the same side of the market.",
                    side == Side.Sell ? "Set take_profit above the current price and stop_loss below it."
                        : "Set take_profit below the current price and stop_loss above it.",
                    new Dictionary<string, object?> { ["take_profit"] = tp, ["stop_loss"] = sl }));
                break;
        }
        if (cls != OrderClass.Simple && tif is TimeInForce.Ioc or TimeInForce.Fok)
            errors.Add(new("time_in_force", ReasonCodes.TimeInForceNotAllowed,
                $"A {ApiNames.Of(cls)} order's exits must stay working; {ApiNames.Of(tif)} would end them at once.",
                "Use DAY, GTC or GTD."));
        CheckStopLossLimit(d, cls, side, errors);
    }

    // A STOP_LIMIT stop-loss: its limit sits at or beyond the stop in the direction the exit trades.
    private static void CheckStopLossLimit(OrderDraft d, OrderClass cls, Side side, List<RuleViolation> errors)
    {
        if (d.StopLossLimitPrice is not { } limit) return;
        if (d.StopLoss is not { } stop)
        {
            errors.Add(new("stop_loss_limit_price", ReasonCodes.StopLossLimitWithoutStopLoss,
                "stop_loss_limit_price needs a stop_loss.", "Add stop_loss, or remove stop_loss_limit_price."));
            return;
        }
        var exitSells = cls == OrderClass.Oco ? side == Side.Sell : side == Side.Buy;
        if (limit <= 0 || (exitSells ? limit > stop : limit < stop))
            errors.Add(new("stop_loss_limit_price", ReasonCodes.StopLossLimitWrongSide,
                $"The stop-loss {(exitSells ? "sells" : "buys")}: its limit must be "
                    + $"{(exitSells ? "at or below" : "at or above")} the stop {stop}; it is {limit}.",
                $"Set stop_loss_limit_price {(exitSells ? "at or below" : "at or above")} {stop}.",
                new Dictionary<string, object?> { ["stop_loss"] = stop, ["stop_loss_limit_price"] = limit }));
    }

    /// <summary>A TRAILING_STOP needs exactly one trail, a positive amount or a percentage between 0 and 100; no other
    /// type takes one.</summary>
    public static void CheckTrail(OrderDraft d, OrderType type, List<RuleViolation> errors)
    {
        var (amount, percent) = (d.TrailPrice, d.TrailPercent);
        if (type != OrderType.TrailingStop)
        {
            if (amount is not null || percent is not null)
                errors.Add(new(amount is not null ? "trail_price" : "trail_percent", ReasonCodes.TrailNotAllowed,
                    $"A {ApiNames.Of(type)} order takes no trail.",
                    "Remove trail_price and trail_percent, or send a TRAILING_STOP."));
            return;
        }
        if (amount is null && percent is null)
            errors.Add(new("trail_price", ReasonCodes.TrailRequired, "A TRAILING_STOP needs its trail.",
                "Add \"trail_price\" (an amount, e.g. 1.50) or \"trail_percent\" (e.g. 2.5)."));
        else if (amount is not null && percent is not null)
            errors.Add(new("trail_percent", ReasonCodes.TrailConflict, "A TRAILING_STOP has one trail, not two.",
                "Send either trail_price or trail_percent."));
        if (amount is <= 0)
            errors.Add(new("trail_price", ReasonCodes.TrailPriceNotPositive,
                $"The trail must be more than zero; it is {amount}.", "Send a positive trail_price."));
        if (percent is <= 0 or >= 100)
            errors.Add(new("trail_percent", ReasonCodes.TrailPercentOutOfRange,
                $"trail_percent must be above 0 and below 100; it is {percent}.",
                "Send e.g. 2.5 for a stop 2.5 % from the best price."));
    }

    /// <summary>A GTD order's expire_at: required, ISO 8601 with an offset, in the future; no other time in force takes
    /// one.</summary>
    public static DateTimeOffset? CheckExpiry(OrderDraft d, TimeInForce tif, DateTimeOffset now,
        List<RuleViolation> errors)
    {
        if (tif != TimeInForce.Gtd)
        {
            if (d.ExpireAt is not null)
                errors.Add(new("expire_at", ReasonCodes.ExpireAtNotAllowed,
                    $"expire_at only applies to GTD orders; this one is {ApiNames.Of(tif)}.",
                    "Remove expire_at, or send time_in_force GTD."));
            return null;
        }
        if (d.ExpireAt is null)
        {
            errors.Add(new("expire_at", ReasonCodes.ExpireAtRequired, "A GTD order needs expire_at.",
                "Add \"expire_at\" as an ISO 8601 time with its offset, e.g. \"2026-12-31T21:00:00Z\"."));
            return null;
        }
        if (!DateTimeOffset.TryParse(d.ExpireAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var at))
        {
            errors.Add(new("expire_at", ReasonCodes.ExpireAtInvalid, $"'{d.ExpireAt}' is not a time.",
                "Use ISO 8601 with its offset, e.g. \"2026-12-31T21:00:00Z\"."));
            return null;
        }
        if (at <= now)
            errors.Add(new("expire_at", ReasonCodes.ExpireAtInPast,
                $"expire_at {at:u} is not in the future (now {now:u}).",
                "Send a time still to come, or a DAY or GTC order."));
        return at.ToUniversalTime();
    }
}
