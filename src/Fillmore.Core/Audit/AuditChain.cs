// The tamper-evident chains over the audit trail (docs/audit.md).
// Legacy segment (the single chain written before the trail was partitioned), chained by id:
//   hash(n) = SHA-256( ascii(hash(n-1)) || canonical(entry n) ), lower-case hex; hash(0) = 64 zeros,
//   canonical = id, timestamp, order_id, trader_id, action, status, symbol, side, quantity, price,
//               venue, reason, retry_attempt, error_code, execution_path, actor
// Partition chains (one per partition, AuditPartitioner), chained by the sequence in the partition:
//   hash(p, s) = SHA-256( ascii(hash(p, s-1)) || canonical ), hash(p, 0) = the legacy head's hash,
//   canonical = partition, partition_seq, timestamp, order_id, ... actor (the same fields after id)
// so an entry's partition and its place in it are covered by its hash, and the legacy segment's
// head is covered by every partition's first entry. The global id is not hashed in a partition
// entry: it only orders listings (two nodes take ids from one sequence in whatever order they
// commit), and the partition and its sequence are the entry's place in the evidence.
// Each field is a netstring "<byte length>:<UTF-8 bytes>," and a null "~,". Enum values are
// their API spelling (UPPER_SNAKE_CASE); numbers are invariant-culture decimals without trailing
// zeros. A control entry's null status, symbol, side and path are "~," like any null.
namespace Fillmore.Core.Audit;

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fillmore.Core.Orders;

public static class AuditChain
{
    public static readonly string GenesisHash = new('0', 64);

    /// <summary>The hash of legacy entry <paramref name="id"/> (the single chain before partitions).</summary>
    public static string ComputeHash(long id, AuditRecord r, string previousHash)
    {
        var canonical = new StringBuilder(256);
        Append(canonical, id.ToString(CultureInfo.InvariantCulture));
        AppendFields(canonical, r);
        return Sha256(previousHash + canonical);
    }

    /// <summary>The hash of entry <paramref name="seq"/> of partition <paramref name="partition"/>.</summary>
    public static string ComputePartitionHash(int partition, long seq, AuditRecord r, string previousHash)
    {
        var canonical = new StringBuilder(256);
        Append(canonical, partition.ToString(CultureInfo.InvariantCulture));
        Append(canonical, seq.ToString(CultureInfo.InvariantCulture));
        AppendFields(canonical, r);
        return Sha256(previousHash + canonical);
    }

    /// <summary>The hash an entry must carry where it is stored: by partition and sequence, or by id in the legacy
    /// segment.</summary>
    public static string HashOf(AuditEntry e) => e.Partition is { } p && e.PartitionSeq is { } s
        ? ComputePartitionHash(p, s, e.Record, e.PreviousHash) : ComputeHash(e.Id, e.Record, e.PreviousHash);

    /// <summary>What a checkpoint signs about the whole trail (AuditHeadSet): SHA-256 over the legacy head and
    /// every non-empty partition's head in partition order, as netstrings:
    /// legacy_head_id, legacy_head_hash, then partition, seq, hash for each head.</summary>
    public static string HeadsHash(long legacyHeadId, string legacyHeadHash, IEnumerable<AuditHead> heads)
    {
        var text = new StringBuilder(64 + 96 * 16);
        Append(text, legacyHeadId.ToString(CultureInfo.InvariantCulture));
        Append(text, legacyHeadHash);
        foreach (var head in heads.Where(h => h.Seq > 0).OrderBy(h => h.Partition))
        {
            Append(text, head.Partition.ToString(CultureInfo.InvariantCulture));
            Append(text, head.Seq.ToString(CultureInfo.InvariantCulture));
            Append(text, head.Hash);
        }
        return Sha256(text.ToString());
    }

    private static void AppendFields(StringBuilder canonical, AuditRecord r)
    {
        Append(canonical, FormatTimestamp(r.Timestamp));
        Append(canonical, r.OrderId.ToString());
        Append(canonical, r.TraderId.Value);
        Append(canonical, ApiNames.Of(r.Action));
        Append(canonical, ApiNames.OfOrNull(r.Status));
        Append(canonical, r.Symbol?.Value);
        Append(canonical, ApiNames.OfOrNull(r.Side));
        Append(canonical, r.Quantity.ToString(CultureInfo.InvariantCulture));
        Append(canonical, r.Price is { } p ? FormatDecimal(p) : null);
        Append(canonical, r.Venue);
        Append(canonical, r.Reason);
        Append(canonical, r.RetryAttempt?.ToString(CultureInfo.InvariantCulture));
        Append(canonical, r.ErrorCode);
        Append(canonical, ApiNames.OfOrNull(r.Path));
        Append(canonical, ApiNames.Of(r.Actor));
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>yyyy-MM-ddTHH:mm:ss.fffffffZ in UTC. The round-trip format "O" of a UTC time is exactly
    /// that text, and the runtime writes it without parsing a pattern: about a fifth of the time of the
    /// custom pattern it replaced, on a path run some twenty times per order (AuditChainTests pins the form).</summary>
    public static string FormatTimestamp(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string FormatDecimal(decimal d) =>
        d.ToString("0.############################", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder sb, string? value)
    {
        if (value is null) { sb.Append("~,"); return; }
        sb.Append(Encoding.UTF8.GetByteCount(value)).Append(':').Append(value).Append(',');
    }
}
