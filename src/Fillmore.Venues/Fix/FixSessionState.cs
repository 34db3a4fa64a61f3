// Where a FIX session is: only LoggedOn sends application messages.
namespace Fillmore.Venues.Fix;

public enum FixSessionState
{
    /// <summary>Not connected; a connection is attempted after the backoff (or at the next session start).</summary>
    Disconnected,
    Connecting,
    /// <summary>Connected, Logon sent, the venue's Logon not received yet.</summary>
    AwaitingLogon,
    LoggedOn,
    /// <summary>Logout sent, waiting for the venue's Logout or the close.</summary>
    LoggingOut,
    /// <summary>Disposed: the process is stopping.</summary>
    Stopped,
}
