// The trader's position in a symbol right after a fill, as a fill event carries it.
namespace Fillmore.Core.Streaming;

public sealed record EventPosition(string Symbol, long Quantity, decimal AverageCost);
