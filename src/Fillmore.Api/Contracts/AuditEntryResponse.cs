// One audit entry as the API shows it (API.md GET /orders/{id}/audit), with its chain hashes and
// its place in its partition's chain (partition, partition_seq; null for a legacy entry). A
// control entry (a halt, the flag, an account change) has the nil order id and no status, symbol,
// side or execution path.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public sealed record AuditEntryResponse(
    long Id,
    Guid OrderId,
    string TraderId,
    string Action,
    string? Status,
    DateTime Timestamp,
    string? Reason,
    int? RetryAttempt,
    string? ErrorCode,
    string? Symbol,
    string? Side,
    long Quantity,
    decimal? Price,
    string Venue,
    string? ExecutionPath,
    string Actor,
    string PreviousHash,
    string Hash)
{
    public int? Partition { get; init; }

    public long? PartitionSeq { get; init; }

    public static AuditEntryResponse From(AuditEntry e)
    {
        var r = e.Record;
        return new(e.Id, r.OrderId.Value, r.TraderId.Value, ApiNames.Of(r.Action), ApiNames.OfOrNull(r.Status),
            r.Timestamp.UtcDateTime, r.Reason, r.RetryAttempt, r.ErrorCode, r.Symbol?.Value, ApiNames.OfOrNull(r.Side),
            r.Quantity, r.Price, r.Venue, ApiNames.OfOrNull(r.Path), ApiNames.Of(r.Actor), e.PreviousHash, e.Hash)
        {
            Partition = e.Partition, PartitionSeq = e.PartitionSeq,
        };
    }
}
