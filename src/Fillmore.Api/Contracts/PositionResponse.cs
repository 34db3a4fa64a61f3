// One position in GET /api/v1/account, marked to market: quantity, average cost, mark, market
// value and unrealised P&L.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Accounts;

public sealed record PositionResponse(string Symbol, long Quantity, decimal AverageCost, decimal MarketPrice,
    decimal MarketValue, decimal UnrealisedPnl)
{
    public static PositionResponse From(Position p, decimal mark) =>
        new(p.Symbol.Value, p.Quantity, p.AverageCost, mark, p.Quantity * mark, p.UnrealisedAt(mark));
}
