// The fills of a report, read from the store one page at a time (keyset on time and recording
// order), so a report of any size never holds every fill at once.
namespace Fillmore.Api.Reports;

using System.Runtime.CompilerServices;
using Fillmore.Core.Ports;

public static class ExecutionFeed
{
    public const int PageSize = 1000;

    public static async IAsyncEnumerable<ExecutionRecord> ReadAsync(IOrderStore store, ExecutionReportScope scope,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        ExecutionRecord? last = null;
        while (true)
        {
            var page = await store.ListExecutionsAsync(new ExecutionQuery(scope.Trader, scope.From, scope.To, last,
                PageSize), ct).ConfigureAwait(false);
            foreach (var record in page) yield return record;
            if (page.Count < PageSize) yield break;
            last = page[^1];
        }
    }
}
