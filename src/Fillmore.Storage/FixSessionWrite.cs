// The FIX session store's writes (IFixSessionStore), as changes for the single writer: they share
// its transactions and fsyncs with the order changes (group commit), and are answered only once
// durable. They touch only the fix_* tables and produce no events. One record per kind of write
// (FixSessionOpen, FixSessionAppend, FixSessionInbound, FixSessionReset, FixSessionClOrdId).
namespace Fillmore.Storage;

using Fillmore.Core.Ports;

internal abstract record FixSessionWrite : IStoreChange;
