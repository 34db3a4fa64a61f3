// A FIX session store write: the next inbound sequence number expected.
namespace Fillmore.Storage;

internal sealed record FixSessionInbound(string SessionId, long NextInbound) : FixSessionWrite;
