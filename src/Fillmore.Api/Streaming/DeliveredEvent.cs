// A committed event on its way to clients: serialized once for every subscriber, stamped with
// the moment its commit completed (for the commit-to-send latency histogram).
namespace Fillmore.Api.Streaming;

using Fillmore.Core.Streaming;

public sealed record DeliveredEvent(OrderEvent Event, ReadOnlyMemory<byte> Json, long CommittedTimestamp);
