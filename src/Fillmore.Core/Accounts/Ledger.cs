// One trader's ledger as the risk rules see it: the account, positions, today's realised P&L and
// the open orders (whose remaining buy quantity holds cash in reserve and whose remaining sell
// quantity holds position in reserve). Held in memory and changed only inside the trader's gate,
// after the commit that records the change (LedgerBook).
namespace Fillmore.Core.Accounts;

using Fillmore.Core.Orders;

public sealed class Ledger(Account account, IEnumerable<Position> positions, DateOnly tradingDay, decimal realisedToday,
    IEnumerable<Order> openOrders)
{
    private readonly Dictionary<Symbol, Position> _positions = positions.ToDictionary(p => p.Symbol);
    private readonly Dictionary<OrderId, Order> _open = openOrders.Where(o => !o.Status.IsTerminal() && Reserves(o))
        .ToDictionary(o => o.Id);

    public Account Account { get; private set; } = account;
    public DateOnly TradingDay { get; private set; } = tradingDay;
    public decimal RealisedToday { get; private set; } = realisedToday;

    /// <summary>False until an account row exists (fail closed: ACCOUNT_NOT_FOUND).</summary>
    public bool Exists => Account.Version > 0;
    public IReadOnlyCollection<Position> Positions => _positions.Values;
    public IReadOnlyCollection<Order> OpenOrders => _open.Values;

    public Position PositionIn(Symbol symbol) => _positions.GetValueOrDefault(symbol) ?? Position.Flat(symbol);

    /// <summary>Cash held for open buy orders: remaining quantity x the price reserved at acceptance.</summary>
    public decimal Reserved =>
        _open.Values.Where(o => o.Spec.Side == Side.Buy).Sum(o => o.RemainingQuantity * (o.ReservePrice ?? 0m));

    public decimal BuyingPower => Account.Cash - Reserved;

    public long OpenQuantity(Symbol symbol, Side side) =>
        _open.Values.Where(o => o.Spec.Symbol == symbol && o.Spec.Side == side).Sum(o => o.RemainingQuantity);

    /// <summary>Realised P&L of <paramref name="day"/> (zero once a new trading day starts).</summary>
    public decimal RealisedOn(DateOnly day) => day == TradingDay ? RealisedToday : 0m;

    internal void Track(Order order)
    {
        if (order.Status.IsTerminal() || Reserves(order) is false) _open.Remove(order.Id);
        else _open[order.Id] = order;
    }

    // An exit waiting to be triggered reserves nothing (it is checked again at release), an
    // OCO's second leg reserves nothing beside its first (the two close one position, once), and an
    // order SMART split reserves through its children, each for its own part.
    private static bool Reserves(Order order) =>
        !(order.IsExit && order.Status == OrderStatus.Held)
            && !(order.ParentOrderId is not null && order.Spec.Class == OrderClass.Oco)
            && !order.IsRoutedParent;

    /// <summary>This ledger as if <paramref name="order"/> were not open (to check the order again with new
    /// terms).</summary>
    public Ledger Without(OrderId order) =>
        new(Account, _positions.Values, TradingDay, RealisedToday, _open.Values.Where(o => o.Id != order));

    internal void Apply(LedgerUpdate update)
    {
        Account = update.Account;
        if (update.Position is { } p) _positions[p.Symbol] = p;
        if (update.TradingDay != TradingDay) (TradingDay, RealisedToday) = (update.TradingDay, 0m);
        RealisedToday += update.RealisedDelta;
    }

    internal void Replace(Account account) => Account = account;
}
