// The store and the ledger, reduced to what deciding needs, for the deciders' tests: one order, its
// fills and its trader's ledger. Commit applies a decision the way the store and LedgerBook do,
// and refuses (throws) a change derived from a stale version, as the store would.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class Book
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    public static readonly TraderId Alice = new("alice");
    private int _fillIds;

    public Book(Order order, decimal cash = 1_000_000m)
    {
        Order = order;
        Ledger = new Ledger(new Account(order.TraderId, cash, null, false, 1), [], new DateOnly(2026, 11, 24), 0m, [order]);
    }

    public Order Order { get; private set; }
    public List<Fill> Fills { get; } = [];
    public Ledger Ledger { get; }
    public List<OrderChange> Committed { get; } = [];

    public FillContext Context => new(Fills.ToList(), Ledger, TradingCalendar.NewYork, () => new Guid(++_fillIds, 0, 0, new byte[8]));

    public Decision Commit(Decision decision)
    {
        if (decision.Change is not { } change) return decision;
        if (change.ExpectedVersion != Order.Version) throw new InvalidOperationException($"Stale change: expected {change.ExpectedVersion}, stored {Order.Version}.");
        if (change.Fills.Any(f => Fills.Any(r => r.Venue == f.Venue && r.ExecutionId == f.ExecutionId)))
            throw new InvalidOperationException("A duplicate fill reached the store.");
        Order = change.Order;
        Fills.AddRange(change.Fills);
        Ledger.Track(Order);
        if (change.Ledger is { } update) Ledger.Apply(update);
        Committed.Add(change);
        return decision;
    }

    public static Order NewOrder(OrderStatus status = OrderStatus.PendingSubmit, long quantity = 100, long filled = 0, int attempts = 0,
        Side side = Side.Buy, ExecutionPath path = ExecutionPath.V2, DateTimeOffset? acknowledged = null,
        DateTimeOffset? inDoubt = null) =>
        Order.CreatePending(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), Alice, "c-1",
            new OrderSpec(Symbol.Of("AAPL"), side, quantity, OrderType.Limit, 190m, null, TimeInForce.Gtc, null, null), "SIM", path, T0)
        .Restored(new OrderProgress(status, filled, filled > 0 ? 190m : null, 3)
        {
            Attempts = attempts, FirstSentAt = attempts > 0 ? T0 : null, FailureAcknowledgedAt = acknowledged,
            InDoubtSince = inDoubt,
        });

    public static ExecutionReport Report(ExecutionKind kind, string executionId = "x-1", long last = 0, long cumulative = 0, decimal price = 190m) =>
        new(new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), kind, executionId, last, price, cumulative, price, 0.01m, "SIM",
            T0.AddSeconds(1));
}
