// The ledger part of a change, written in the same transaction as the order change: the new
// account row (its Version is the expected version + 1), the position it touched, and the
// realised P&L to add to a trading day.
namespace Fillmore.Core.Accounts;

public sealed record LedgerUpdate(Account Account, Position? Position, DateOnly TradingDay, decimal RealisedDelta)
{
    public long ExpectedVersion => Account.Version - 1;
}
