// What FixVenue remembers of the venue's breaks, to warn the engine of orders the venue may have
// lost (docs/fix.md, "A venue that loses its book"). A break is a venue reset (its Logon numbered
// from 1 again: it restarted without its store), or, for a venue that keeps its book only in memory
// (book=memory, ordermatch), any logon: the session was down, and the venue may have restarted in
// the meantime; FIX offers no way to tell a restart from a dropped link. A venue without status
// requests cannot be asked which orders survived, so an order it has not spoken of since the latest
// break (no fresh, non-PossDup execution report, and not sent since) is answered Unknown with
// MayHaveLost, and the engine flags it in doubt with the reason below. Kept in memory: for a book=memory
// venue the first logon after a start is a break too, so a restart of Fillmore does not forget one.
namespace Fillmore.Venues.Fix;

using System.Globalization;
using Fillmore.Core.Orders;
using Microsoft.Extensions.Logging;

public sealed partial class FixVenue
{
    private readonly object _breakGate = new();
    private readonly Dictionary<OrderId, long> _spokenOf = [];
    private long _breaks;
    private string? _lastBreak;

    private void OnBreak(bool venueReset)
    {
        if (!venueReset && _settings.Capabilities.KeepsBook) return;
        var when = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var what = venueReset
            ? $"{Name} came back at {when} UTC with its sequence numbers from 1: it restarted without its store"
            : $"the FIX session with {Name} was down until {when} UTC, and {Name} keeps its orders only in memory";
        lock (_breakGate)
        {
            _breaks++;
            _lastBreak = $"{what}, so it may have lost this order. It cannot be asked about orders, so whether this " +
                "one still works there is unknown until the venue reports on it. Cancel it, or check with the venue.";
        }
        LogBreak(Name, what);
    }

    // The venue spoke of the order (or it was just sent) after the latest break; an order it ended is forgotten.
    private void SpokenOf(OrderId id, bool ended = false)
    {
        lock (_breakGate)
        {
            if (ended) _spokenOf.Remove(id);
            else _spokenOf[id] = _breaks;
        }
    }

    /// <summary>Why the venue may have lost the order, or null if it has spoken of it since the latest break.</summary>
    private string? MayHaveLost(OrderId id)
    {
        lock (_breakGate)
            return _breaks > 0 && _spokenOf.GetValueOrDefault(id) < _breaks ? _lastBreak : null;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "FIX venue {Venue}: {What}; the orders it has not reported on since are reported in doubt.")]
    private partial void LogBreak(string venue, string what);
}
