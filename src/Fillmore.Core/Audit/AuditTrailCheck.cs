// Streams a stored audit chain through the AuditVerifier one page at a time, so verifying never
// holds the table in memory: the caller supplies how to read the rows after an id.
namespace Fillmore.Core.Audit;

public static class AuditTrailCheck
{
    public const int DefaultPageSize = 1000;

    /// <param name="readPage">Rows with id greater than the given id, in id order, at most the given count.</param>
    public static async Task<AuditVerification> RunAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage, int pageSize = DefaultPageSize,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var verifier = new AuditVerifier();
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
