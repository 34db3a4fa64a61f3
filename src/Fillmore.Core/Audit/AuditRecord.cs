// One audit fact as Core produces it. The store gives it a chain position (Id) and the hashes
// when it commits it (see AuditEntry); it is never changed afterwards. Most entries describe an
// order; a control entry (a halt, the execution flag, an account change) describes no order: its
// order id is the nil UUID, its status, symbol, side and path are null, and its trader id is the
// scope it applies to ("*" for everyone).
namespace Fillmore.Core.Audit;

using Fillmore.Core.Orders;

public sealed record AuditRecord(
    OrderId OrderId,
    TraderId TraderId,
    AuditAction Action,
    OrderStatus? Status,
    Symbol? Symbol,
    Side? Side,
    long Quantity,
    decimal? Price,
    string Venue,
    DateTimeOffset Timestamp,
    string? Reason,
    int? RetryAttempt,
    string? ErrorCode,
    ExecutionPath? Path,
    Actor Actor)
{
    /// <summary>The order id of an entry about no order.</summary>
    public static readonly OrderId NoOrder = new(Guid.Empty);

    /// <summary>The trader id of a control that applies to every trader.</summary>
    public static readonly TraderId Everyone = new("*");

    /// <summary>An entry about a control rather than an order (see the file comment).</summary>
    public static AuditRecord Control(AuditAction action, TraderId scope, string venue, Actor actor,
        DateTimeOffset now, string reason, string? code) =>
        new(NoOrder, scope, action, null, null, null, 0, null, venue, now, reason, null, code, null, actor);


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
