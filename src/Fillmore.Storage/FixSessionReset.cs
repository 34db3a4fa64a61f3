// A FIX session store write: numbering back to 1/1 from SessionStart; the session's stored
// messages are dropped.
namespace Fillmore.Storage;

internal sealed record FixSessionReset(string SessionId, DateTimeOffset SessionStart) : FixSessionWrite;
