// The switches every node holds in memory for its checks: the global halt (the kill switch), each
// venue's halt, and the execution flag. They are persisted controls (ControlService writes them
// with their control entries and reads them back at start-up and, with several nodes, every
// second), so this class only holds the last value read or written.
namespace Fillmore.Core.Risk;

using System.Collections.Concurrent;
using Fillmore.Core.Execution;

public sealed class TradingControls
{
    public const string HaltKey = "trading_halt";
    public const string FlagKey = "execution_flag";

    private readonly ConcurrentDictionary<string, string> _venueHalts = new(StringComparer.Ordinal);
    private volatile string? _haltReason;
    private volatile ExecutionFlag? _flag;

    /// <summary>The control key of <paramref name="venue"/>'s halt.</summary>
    public static string VenueHaltKey(string venue) => "venue_halt:" + venue;

    /// <summary>Null while trading is allowed; otherwise why it is halted.</summary>
    public string? HaltReason => _haltReason;

    /// <summary>The execution flag as last stored; null while no administrator has set one (the configured value
    /// applies).</summary>
    public ExecutionFlag? Flag => _flag;

    public void Set(string? haltReason) => _haltReason = string.IsNullOrWhiteSpace(haltReason) ? null : haltReason;

    public void SetFlag(ExecutionFlag? flag) => _flag = flag;

    /// <summary>Null while orders may be sent to <paramref name="venue"/>; otherwise why it is halted.</summary>
    public string? VenueHaltReason(string venue) => _venueHalts.TryGetValue(venue, out var reason) ? reason : null;

    public void SetVenueHalt(string venue, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) _venueHalts.TryRemove(venue, out _);
        else _venueHalts[venue] = reason;
    }
}
