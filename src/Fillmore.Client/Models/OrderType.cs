// Order types (docs/api.md "Submit"). Unknown: a value a newer service sends that this client does not know.
namespace Fillmore.Client;

public enum OrderType
{
    Unknown,
    Market,
    Limit,
    Stop,
    StopLimit,
    TrailingStop,
}
