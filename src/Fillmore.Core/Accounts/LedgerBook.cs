// The in-memory ledgers, one per trader, loaded from the store on first use. A ledger is only
// read or changed inside its trader's gate, and it is changed only by a change that the store
// has committed (Committed); a refused commit drops it (Invalidate) so it is reloaded from the
// store of record. Single node: no reads on the hot path. Several nodes: the account version
// makes a stale ledger's commit fail, and the reload fixes it.
namespace Fillmore.Core.Accounts;

using System.Collections.Concurrent;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class LedgerBook(IOrderStore store, TradingCalendar calendar, TimeProvider time)
{
    private readonly ConcurrentDictionary<TraderId, Ledger> _ledgers = new();

    public TradingCalendar Calendar => calendar;

    /// <summary>The trader's ledger. Call only inside the trader's gate.</summary>
    public async ValueTask<Ledger> GetAsync(TraderId trader, CancellationToken ct = default)
    {
        if (_ledgers.TryGetValue(trader, out var cached)) return cached;
        var day = calendar.DayOf(time.GetUtcNow());
        var s = await store.LoadLedgerAsync(trader, day, ct).ConfigureAwait(false);
        var ledger = new Ledger(s.Account ?? Account.Unfunded(trader), s.Positions, day, s.RealisedToday, s.OpenOrders);
        _ledgers[trader] = ledger;
        return ledger;
    }

    public void Committed(IStoreChange change)
    {
        switch (change)
        {
            case OrderChange c when _ledgers.TryGetValue(c.Order.TraderId, out var ledger):
                ledger.Track(c.Order);
                if (c.AccountGuard is not null) ledger.Replace(ledger.Account.Bumped());
                if (c.Ledger is { } update) ledger.Apply(update);
                break;
            case AccountChange a when _ledgers.TryGetValue(a.Account.TraderId, out var ledger):
                ledger.Replace(a.Account);
                break;
        }
    }

    public void Invalidate(TraderId trader) => _ledgers.TryRemove(trader, out _);
}
