// The visible state of one FIX session (docs/fix.md, /metrics): whether it is logged on, the next
// sequence numbers each way, when a message last went each way, and how much resending it did.
namespace Fillmore.Venues.Fix;

public sealed record FixSessionSnapshot(
    string SessionId,
    string Venue,
    FixSessionState State,
    long NextSenderSeqNum,
    long NextTargetSeqNum,
    DateTimeOffset? LastSentAt,
    DateTimeOffset? LastReceivedAt,
    DateTimeOffset? LoggedOnSince,
    long Logons,
    long ResendRequestsSent,
    long ResendRequestsAnswered,
    long MessagesReplayed,
    long GapFillsSent,
    long DuplicatesIgnored,
    long BadFrames,
    long VenueResets,
    string? LastError)
{
    public bool LoggedOn => State == FixSessionState.LoggedOn;
}
