// An order's terms as the venue has them now (after an amend, or as a held order was released),
// with a replace the venue has not confirmed yet (pending_amend).
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;

/// <summary>The order's terms at the venue now, and a replace the venue has not confirmed yet.</summary>
public sealed record WorkingTermsResponse(string OrderType, long Quantity, decimal? Price, decimal? StopPrice,
    string TimeInForce)
{
    /// <summary>A trailing stop's trail in force (after an amend, the new one); null once it is released.</summary>
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    public AmendResponse? PendingAmend { get; init; }

    public static WorkingTermsResponse From(OrderTerms t, OrderTerms? pending) =>
        new(ApiNames.Of(t.Type), t.Quantity, t.LimitPrice, t.StopPrice, ApiNames.Of(t.TimeInForce))
        {
            TrailPrice = t.TrailPrice,
            TrailPercent = t.TrailPercent,
            PendingAmend = pending is null ? null
                : new AmendResponse(pending.Quantity, pending.LimitPrice, pending.StopPrice),
        };
}
