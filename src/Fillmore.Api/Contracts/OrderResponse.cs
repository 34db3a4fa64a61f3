// An order as the API shows it (API.md "The order"). Enum values are their UPPER_SNAKE names.
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;
using Fillmore.Core.Orders;

public sealed record OrderResponse(
    Guid Id,
    string TraderId,
    string? ClientOrderId,
    string Symbol,
    string Side,
    long Quantity,
    string OrderType,
    decimal? Price,
    decimal? StopPrice,
    string TimeInForce,
    decimal? StopLoss,
    decimal? TakeProfit,
    string Status,
    long FilledQuantity,
    decimal? AverageFillPrice,
    string Venue,
    string? Reason,
    string ExecutionPath,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<FillResponse>? Fills { get; init; }

    public string OrderClass { get; init; } = "SIMPLE";
    /// <summary>For an exit: the order it was created with.</summary>
    public Guid? ParentOrderId { get; init; }
    /// <summary>ENTRY (the order the trader sent), TAKE_PROFIT or STOP_LOSS.</summary>
    public string LegRole { get; init; } = "ENTRY";
    /// <summary>A first order's exits (GET of one order only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OrderResponse>? Legs { get; init; }
    public decimal? StopLossLimitPrice { get; init; }
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    /// <summary>GTD: when it expires, as submitted.</summary>
    public DateTime? ExpireAt { get; init; }
    /// <summary>When Fillmore ends it (DAY: the session close; GTD: expire_at); null when it lives until
    /// cancelled.</summary>
    public DateTime? ExpiresAt { get; init; }
    /// <summary>A held order's trigger price now (a trailing stop's follows the best price).</summary>
    public decimal? TriggerPrice { get; init; }
    /// <summary>What the venue is asked for now: after an amend, or as a held order is (or was) released.</summary>
    public required WorkingTermsResponse Working { get; init; }
    /// <summary>The slippage limit in force (the order's own, or its account's default), in basis points.</summary>
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>The wait in force, in seconds (the order's own, or ORDER_TIMEOUT_SECONDS).</summary>
    public int? MaxWaitSeconds { get; init; }
    /// <summary>When what is left unfilled is cancelled (TIMEOUT); null: no limit.</summary>
    public DateTime? TimeoutAt { get; init; }
    /// <summary>The touch (ask for a buy, bid for a sell) when the order went to the market.</summary>
    public decimal? ArrivalPrice { get; init; }
    /// <summary>How much worse than the arrival price the average fill is, in basis points (negative:
    /// better).</summary>
    public decimal? SlippageBps { get; init; }
    /// <summary>Since when the venue has not said whether it has the order (no attempt got a clear answer): the
    /// trader may retry or acknowledge it. Null otherwise.</summary>
    public DateTime? InDoubtSince { get; init; }

    public static OrderResponse From(Order o, IReadOnlyList<Fill>? fills = null,
        IReadOnlyList<Order>? legs = null) => new(
        o.Id.Value, o.TraderId.Value, o.ClientOrderId, o.Spec.Symbol.Value, ApiNames.Of(o.Spec.Side), o.Spec.Quantity,
        ApiNames.Of(o.Spec.Type), o.Spec.LimitPrice, o.Spec.StopPrice, ApiNames.Of(o.Spec.TimeInForce), o.Spec.StopLoss,
        o.Spec.TakeProfit, ApiNames.Of(o.Status), o.FilledQuantity, o.AverageFillPrice, o.Venue, o.Reason,
        ApiNames.Of(o.Path), o.CreatedAt.UtcDateTime, o.UpdatedAt.UtcDateTime)
    {
        Fills = fills?.Select(FillResponse.From).ToList(),
        OrderClass = ApiNames.Of(o.Spec.Class),
        ParentOrderId = o.ParentOrderId?.Value,
        LegRole = ApiNames.Of(o.Role),
        Legs = legs?.Select(l => From(l)).ToList(),
        StopLossLimitPrice = o.Spec.StopLossLimitPrice,
        // As submitted, like price and stop_price: the working terms lose the trail once the stop is released (as
        // MARKET), and an amended trail is shown in working.
        TrailPrice = o.Spec.TrailPrice,
        TrailPercent = o.Spec.TrailPercent,
        ExpireAt = o.Spec.ExpireAt?.UtcDateTime,
        ExpiresAt = o.ExpiresAt?.UtcDateTime,
        TriggerPrice = o.TriggerPrice,
        Working = WorkingTermsResponse.From(o.Terms, o.PendingAmend),
        MaxSlippageBps = o.SlippageLimitBps,
        MaxWaitSeconds = o.TimeoutAt is { } t ? (int)Math.Round((t - o.CreatedAt).TotalSeconds) : null,
        TimeoutAt = o.TimeoutAt?.UtcDateTime,
        ArrivalPrice = o.ArrivalPrice,
        SlippageBps = o.RealisedSlippageBps,
        InDoubtSince = o.InDoubtSince?.UtcDateTime,
    };
}
