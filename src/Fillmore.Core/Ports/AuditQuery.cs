// A filtered, cursor-paged read of the audit trail (GET /api/v1/audit). Every filter is optional;
// entries come in id order after AfterId, at most Limit of them. From is inclusive, To exclusive.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

/// <param name="Trader">null: every trader (compliance).</param>
public sealed record AuditQuery(
    TraderId? Trader,
    Symbol? Symbol,
    AuditAction? Action,
    OrderId? OrderId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long AfterId,
    int Limit);
