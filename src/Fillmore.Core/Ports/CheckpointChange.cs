// A signed audit checkpoint for the store to append (audit_checkpoints: append-only, like the
// chain it vouches for). It adds no audit entry: an entry per checkpoint would move the head it
// names.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Audit;

public sealed record CheckpointChange(AuditCheckpoint Checkpoint) : IStoreChange;
