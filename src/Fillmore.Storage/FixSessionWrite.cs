// The FIX session store's writes (IFixSessionStore), as changes for the single writer: they share
// its transactions and fsyncs with the order changes (group commit), and are answered only once
// durable. They touch only the fix_* tables and produce no events.
namespace Fillmore.Storage;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal abstract record FixSessionWrite : IStoreChange;

/// <summary>Creates the session at 1/1, numbered since Now, if it does not exist yet.</summary>
internal sealed record FixSessionOpen(string SessionId, DateTimeOffset Now) : FixSessionWrite;

/// <summary>Stores an application message's body, links a first send, advances next_outbound.</summary>
internal sealed record FixSessionAppend(FixOutboundRecord Message) : FixSessionWrite;

internal sealed record FixSessionInbound(string SessionId, long NextInbound) : FixSessionWrite;

/// <summary>Numbering back to 1/1 from SessionStart; the session's stored messages are dropped.</summary>
internal sealed record FixSessionReset(string SessionId, DateTimeOffset SessionStart) : FixSessionWrite;

internal sealed record FixSessionClOrdId(OrderId OrderId, string ClOrdId) : FixSessionWrite;
