// A FIX session store write: create the session at 1/1, numbered since Now, if it does not exist yet.
namespace Fillmore.Storage;

using Fillmore.Core.Ports;

internal sealed record FixSessionOpen(string SessionId, DateTimeOffset Now) : FixSessionWrite;
