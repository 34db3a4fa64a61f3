// A write that proves the store can write now (health): one row per node, overwritten with the
// time. The host commits one when no order has been written for a while.
namespace Fillmore.Core.Ports;

public sealed record StoreProbe(string NodeId, DateTimeOffset At) : IStoreChange;
