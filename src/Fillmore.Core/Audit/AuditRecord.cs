// One audit fact as Core produces it. The store gives it a chain position (Id) and the hashes
// when it commits it (see AuditEntry); it is never changed afterwards.
namespace Fillmore.Core.Audit;

using Fillmore.Core.Orders;

public sealed record AuditRecord(
    OrderId OrderId,
    TraderId TraderId,
    AuditAction Action,
    OrderStatus Status,
    Symbol Symbol,
    Side Side,
    long Quantity,
    decimal? Price,
    string Venue,
    DateTimeOffset Timestamp,
    string? Reason,
    int? RetryAttempt,
    string? ErrorCode,
    ExecutionPath Path,
    Actor Actor)
{
    /// <summary>An entry describing <paramref name="order"/> as it is after the action.</summary>
    public static AuditRecord Of(Order order, AuditAction action, Actor actor, DateTimeOffset now,
        string? reason = null, long? quantity = null, decimal? price = null, int? retryAttempt = null,
        string? errorCode = null) =>
        new(order.Id, order.TraderId, action, order.Status, order.Spec.Symbol, order.Spec.Side,
            quantity ?? order.Terms.Quantity, price ?? order.Terms.LimitPrice ?? order.Terms.StopPrice, order.Venue,
            now,
            reason ?? (action is AuditAction.Denied or AuditAction.Rejected or AuditAction.Failed ? order.Reason
                : null),
            retryAttempt, errorCode, order.Path, actor);
}
