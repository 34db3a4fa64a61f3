// What the store holds of one trader's ledger, loaded once into a Ledger.
namespace Fillmore.Core.Accounts;

using Fillmore.Core.Orders;

public sealed record LedgerSnapshot(Account? Account, IReadOnlyList<Position> Positions, decimal RealisedToday,
    IReadOnlyList<Order> OpenOrders);
