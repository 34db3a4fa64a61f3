// What became of one outbound message.
namespace Fillmore.Venues.Fix;

internal enum FixWriteStatus
{
    /// <summary>Stored, then written to the socket.</summary>
    Written,
    /// <summary>Stored, but the connection was gone: the venue gets it when it asks for a resend after the next
    /// logon.</summary>
    Stored,
    /// <summary>Not stored (the store failed): it was never written; its sequence number is gap-filled if asked
    /// for.</summary>
    StoreFailed,
    /// <summary>Not sent at all: the session was not logged on (no sequence number was used).</summary>
    NotLoggedOn,
}
