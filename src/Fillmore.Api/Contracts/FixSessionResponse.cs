// A FIX venue's session as GET /api/v1/admin/venues shows it (FixSessionSnapshot): logged on or
// not, the next sequence numbers each way, when a message last went each way, and the resending.
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;
using Fillmore.Venues.Fix;

public sealed record FixSessionResponse(
    string SessionId,
    string State,
    long NextSenderSeqNum,
    long NextTargetSeqNum,
    DateTime? LastSentAt,
    DateTime? LastReceivedAt,
    DateTime? LoggedOnSince,
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
    public static FixSessionResponse From(FixSessionSnapshot s) => new(s.SessionId, ApiNames.Of(s.State),
        s.NextSenderSeqNum, s.NextTargetSeqNum, s.LastSentAt?.UtcDateTime, s.LastReceivedAt?.UtcDateTime,
        s.LoggedOnSince?.UtcDateTime, s.Logons, s.ResendRequestsSent, s.ResendRequestsAnswered, s.MessagesReplayed,
        s.GapFillsSent, s.DuplicatesIgnored, s.BadFrames, s.VenueResets, s.LastError);
}
