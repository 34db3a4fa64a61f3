// Filters of GET /api/v1/audit. TraderId is for compliance; a trader only ever reads their own.
namespace Fillmore.Client;

public sealed record AuditQuery
{
    public string? TraderId { get; init; }
    public string? Symbol { get; init; }
    public Guid? OrderId { get; init; }
    public string? Action { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
    /// <summary>The previous page's NextCursor.</summary>
    public long? Cursor { get; init; }
    /// <summary>1 to 500 (default 100).</summary>
    public int? Limit { get; init; }
}
