// One FIX session's stored numbering: the next sequence numbers in each direction and when the
// current numbering began (creation or the last reset), which the session schedule compares with
// the start of the current trading session.
namespace Fillmore.Core.Ports;

public sealed record FixSessionRecord(string SessionId, long NextOutbound, long NextInbound,
    DateTimeOffset NumberedSince);
