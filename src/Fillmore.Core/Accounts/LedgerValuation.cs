// Marks a ledger to market: unrealised P&L of open positions at the quote's mid price. A
// position whose quote is missing is valued at its cost (no invented profit or loss).
namespace Fillmore.Core.Accounts;

using Fillmore.Core.Ports;

public static class LedgerValuation
{
    public static decimal MarkOf(Position position, IMarketData market) =>
        market.TryGetQuote(position.Symbol, out var q) ? q.Mid : position.AverageCost;

    public static decimal Unrealised(Ledger ledger, IMarketData market) =>
        ledger.Positions.Where(p => p.Quantity != 0).Sum(p => p.UnrealisedAt(MarkOf(p, market)));
}
