// An order's terms as the venue has them now (after an amend, or as a held order was released),
// with a replace the venue has not confirmed yet (pending_amend).
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;

/// <summary>The order's terms at the venue now, and a replace the venue has not confirmed yet.</summary>
public sealed record WorkingTermsResponse(string OrderType, long Quantity, decimal? Price, decimal? StopPrice,
    string TimeInForce)
{
    public AmendResponse? PendingAmend { get; init; }

    public static WorkingTermsResponse From(OrderTerms t, OrderTerms? pending) =>
        new(ApiNames.Of(t.Type), t.Quantity, t.LimitPrice, t.StopPrice, ApiNames.Of(t.TimeInForce))
        {
            PendingAmend = pending is null ? null
                : new AmendResponse(pending.Quantity, pending.LimitPrice, pending.StopPrice),
        };
}
