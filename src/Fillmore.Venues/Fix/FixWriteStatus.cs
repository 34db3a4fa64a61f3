// What became of one outbound message.
namespace Fillmore.Venues.Fix;

internal enum FixWriteStatus
{
    /// <summary>Stored, then written to the socket.</summary>
    Written,
    /// <summary>Stored, but the connection was gone: the venue asks for it after the next logon.</summary>
    Stored,
    /// <summary>Not stored (the store failed), so never written; its number is gap-filled if asked for.</summary>
    StoreFailed,
    /// <summary>Not sent at all: the session was not logged on (no sequence number was used).</summary>
    NotLoggedOn,
}
