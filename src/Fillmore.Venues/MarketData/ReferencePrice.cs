// One row of a reference-price file, as read (JSON property names and CSV headers alike).
namespace Fillmore.Venues.MarketData;

using System.Text.Json.Serialization;
using Fillmore.Core.Ports;

public sealed record ReferencePrice(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("bid")] decimal Bid,
    [property: JsonPropertyName("ask")] decimal Ask,
    [property: JsonPropertyName("last")] decimal Last,
    [property: JsonPropertyName("name")] string? Name = null,
    [property: JsonPropertyName("tick_size")] decimal? TickSize = null,
    [property: JsonPropertyName("status")] InstrumentStatus? Status = null,
    [property: JsonPropertyName("timestamp")] DateTimeOffset? Timestamp = null);
