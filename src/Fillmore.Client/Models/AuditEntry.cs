// One entry of the hash-chained audit trail (docs/api.md "The audit entry"). A control entry (a halt,
// the flag, an account change) has the nil order id and no status, symbol, side or execution path.
namespace Fillmore.Client;

public sealed record AuditEntry
{
    public long Id { get; init; }
    public Guid OrderId { get; init; }
    public string TraderId { get; init; } = "";
    /// <summary>SUBMITTED, APPROVED, EXECUTED, FILLED, ... (a string: actions are added over time).</summary>
    public string Action { get; init; } = "";
    public OrderStatus? Status { get; init; }
    public DateTimeOffset Timestamp { get; init; }
    public string? Reason { get; init; }
    public int? RetryAttempt { get; init; }
    public string? ErrorCode { get; init; }
    public string? Symbol { get; init; }
    public Side? Side { get; init; }
    public long Quantity { get; init; }
    public decimal? Price { get; init; }
    public string Venue { get; init; } = "";
    public ExecutionPath? ExecutionPath { get; init; }
    /// <summary>TRADER, SYSTEM or ADMIN.</summary>
    public string Actor { get; init; } = "";
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";
}
