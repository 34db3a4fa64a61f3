// The fill a fill event reports: the venue's execution id, quantity, price, venue, commission and
// time.
namespace Fillmore.Core.Streaming;

public sealed record EventFill(string ExecutionId, long Quantity, decimal Price, string Venue, decimal Commission,
    DateTimeOffset Timestamp);
