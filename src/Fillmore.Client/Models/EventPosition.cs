// The trader's position in the symbol right after a fill.
namespace Fillmore.Client;

public sealed record EventPosition(string Symbol, long Quantity, decimal AverageCost);
