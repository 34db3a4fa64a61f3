// One async gate per trader. Every decision that reads and changes a trader's orders or ledger
// runs inside that trader's gate, up to and including the commit that records it, so decisions
// for one trader never interleave on this node (risk checks and reservations are atomic per
// account). Different traders never wait for each other; their commits share fsyncs.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using Fillmore.Core.Orders;

public sealed class TraderLocks
{
    private readonly ConcurrentDictionary<TraderId, SemaphoreSlim> _gates = new();

    public async ValueTask<Releaser> EnterAsync(TraderId trader, CancellationToken ct = default)
    {
        var gate = _gates.GetOrAdd(trader, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(gate);
    }

    public readonly struct Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
