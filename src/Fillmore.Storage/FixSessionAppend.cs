// A FIX session store write: store an application message's body, link a first send, advance
// next_outbound (durable before the message reaches the socket).
namespace Fillmore.Storage;

using Fillmore.Core.Ports;

internal sealed record FixSessionAppend(FixOutboundRecord Message) : FixSessionWrite;
