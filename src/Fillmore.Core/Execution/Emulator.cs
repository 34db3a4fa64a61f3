// Fillmore's order emulator: watches the triggers of held orders (HeldOrders) and releases them.
// A quote move (IQuoteFeed), a periodic check (for feeds that cannot say), or a drain step makes
// it evaluate the orders held on that symbol: in the order's gate, TriggerDecider says whether the
// quote touched the trigger (a trailing stop's move is committed too, so it survives a restart and
// never moves back); a touched order is released (risk rules again, then MARKET or LIMIT to the
// venue) unless it is a bracket exit whose entry is still working, which waits for the entry to
// end; the family is settled in the same commit (the sibling cancelled, the entry's rest cancelled).
namespace Fillmore.Core.Execution;

using System.Threading.Channels;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class Emulator(OrderMutator mutator, IMarketData market, HeldOrders held, Families families,
    ReleaseRisk risk, IWorkLeases leases, TimeProvider time)
{
    private readonly Channel<Symbol?> _moved = Channel.CreateUnbounded<Symbol?>();

    /// <summary>Symbols whose quotes moved (null: every symbol), waiting to be evaluated.</summary>
    public ChannelReader<Symbol?> Moved => _moved.Reader;

    public void QuoteMoved(Symbol? symbol) => _moved.Writer.TryWrite(symbol);

    /// <summary>At start-up: watches every held order this node owns again (they were persisted as HELD).</summary>
    public async Task ArmFromStoreAsync(CancellationToken ct)
    {
        foreach (var id in await leases.ListOwnedWorkAsync(ct).ConfigureAwait(false))
            if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is { Status: OrderStatus.Held } order)
                held.Arm(order);
    }

    public async Task EvaluateAsync(Symbol? symbol, CancellationToken ct)
    {
        foreach (var id in held.On(symbol)) await EvaluateAsync(id, ct).ConfigureAwait(false);
    }

    private async Task EvaluateAsync(OrderId id, CancellationToken ct)
    {
        var evaluated = await mutator.MutateAsync(id, order => DecideAsync(order, ct), ct).ConfigureAwait(false);
        if (!evaluated.Found || evaluated.Order!.Status != OrderStatus.Held) held.Disarm(id);
        if (evaluated.Found) await families.FollowAsync(evaluated.Result, ct).ConfigureAwait(false);
    }

    private async ValueTask<Decided<Settlement>> DecideAsync(Order order, CancellationToken ct)
    {
        var symbol = order.Spec.Symbol;
        if (order.Status != OrderStatus.Held || !market.TryGetQuote(symbol, out var quote))
            return new(null, Settlement.None);
        var now = time.GetUtcNow();
        var touch = TriggerDecider.Evaluate(order, quote, market.FindInstrument(symbol)?.TickSize ?? 0.01m, now);
        if (touch.Order is null) return new(null, Settlement.None);
        var family = await mutator.FamilyOfAsync(order, ct).ConfigureAwait(false);
        var change = new FamilyChange(family);
        change.Add(new Decision.Commit(touch.Touched ? TriggerDecider.Triggered(order, touch, now)
            : Ports.OrderChange.Of(order, touch.Order)));
        var check = await risk.ForReleaseAsync(order.TraderId, ct).ConfigureAwait(false);
        if (touch.Touched && ReleasesAtOnce(order, family))
        {
            var triggered = change[order.Id];
            change.Add(TriggerDecider.Release(triggered, touch.Release!, check(triggered, touch.Release!), now,
                touch.Price));
        }
        var settlement = FamilyDecider.Settle(family, change, check, now);
        return new(settlement.Change, settlement);
    }

    // A bracket's or OTO's exit waits for its entry to end (FamilyDecider releases it then, for
    // exactly what was filled); anything else triggered goes out at once.
    private static bool ReleasesAtOnce(Order order, Family family) => !order.IsExit || family.IsOco;
}
