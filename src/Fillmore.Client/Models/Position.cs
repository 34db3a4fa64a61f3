// One non-zero position of an account, marked to market.
namespace Fillmore.Client;

public sealed record Position(string Symbol, long Quantity, decimal AverageCost, decimal MarketPrice,
    decimal MarketValue, decimal UnrealisedPnl);
