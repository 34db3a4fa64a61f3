// What the FIX session hands to the venue adapter above it (FixVenue): logons and logouts,
// application messages in sequence order (PossDup copies included: the adapter's identities make
// them harmless), session-level Rejects, and the question whether a stored message may be
// replayed when the venue asks for a resend.
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Ports;

internal interface IFixApplication
{
    /// <param name="venueReset">The venue's Logon showed it lost its sequence numbers (it restarted empty).</param>
    void OnLogon(bool venueReset);

    void OnLogout(string reason);

    ValueTask OnApplicationMessageAsync(FixMessage message);

    /// <summary>A session Reject (35=3) and the stored message it names by RefSeqNum, if known.</summary>
    ValueTask OnSessionRejectAsync(FixMessage reject, FixOutboundRecord? refused);

    /// <summary>False when a replay could only duplicate it (the venue answered the order): gap-fill it.</summary>
    bool ShouldReplay(FixOutboundRecord message);
}
