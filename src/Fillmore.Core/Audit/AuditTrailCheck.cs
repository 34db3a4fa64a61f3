// Streams a stored audit trail through the AuditVerifier one page at a time (in id order), so
// verifying never holds the table in memory: the caller supplies how to read the rows after an id.
namespace Fillmore.Core.Audit;

public static class AuditTrailCheck
{
    public const int DefaultPageSize = 1000;

    /// <param name="readPage">Rows with id greater than the given id, in id order, at most the given count.</param>
    /// <param name="partitions">The store's partition count, when known (entries are then checked to sit in their
    /// trader's partition).</param>
    public static Task<AuditVerification> RunAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage, int pageSize = DefaultPageSize,
        CancellationToken ct = default, int? partitions = null) =>
        RunAsync(readPage, new AuditVerifier(partitions), pageSize, ct);

    /// <summary>Feeds the whole trail to <paramref name="verifier"/> and returns its verdict.</summary>
    public static async Task<AuditVerification> RunAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage, AuditVerifier verifier,
        int pageSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var after = 0L;
        while (true)
        {
            var page = await readPage(after, pageSize, ct).ConfigureAwait(false);
            foreach (var row in page)
                if (!verifier.Add(row)) return verifier.Finish();
            if (page.Count < pageSize) return verifier.Finish();
            after = page[^1].Id;
        }
    }
}
