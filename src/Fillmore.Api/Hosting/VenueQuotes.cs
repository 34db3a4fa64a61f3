// Each venue's own quotes, by venue name (the router compares them; risk sees them consolidated).
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Ports;

public sealed class VenueQuotes(IReadOnlyDictionary<string, IMarketData> byVenue)
{
    public IMarketData? For(string venue) => byVenue.GetValueOrDefault(venue);
}
