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

    public static OrderResponse From(Order o, IReadOnlyList<Fill>? fills = null) => new(
        o.Id.Value, o.TraderId.Value, o.ClientOrderId, o.Spec.Symbol.Value, ApiNames.Of(o.Spec.Side), o.Spec.Quantity,
        ApiNames.Of(o.Spec.Type), o.Spec.LimitPrice, o.Spec.StopPrice, ApiNames.Of(o.Spec.TimeInForce), o.Spec.StopLoss,
        o.Spec.TakeProfit, ApiNames.Of(o.Status), o.FilledQuantity, o.AverageFillPrice, o.Venue, o.Reason,
        ApiNames.Of(o.Path), o.CreatedAt.UtcDateTime, o.UpdatedAt.UtcDateTime)
    {
        Fills = fills?.Select(FillResponse.From).ToList(),
    };
}
