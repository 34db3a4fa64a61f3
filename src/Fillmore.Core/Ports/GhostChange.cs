// A ghost order for the store to write, with its audit entries, in one transaction. A ghost at
// version 1 is inserted unless it is stored already (then nothing is written, audit included: a
// ghost two nodes see at once is reported once); a later version replaces the stored row only if
// that is still at the version before it, otherwise the change is refused (VersionConflict).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Audit;

public sealed record GhostChange(Ghost Ghost, IReadOnlyList<AuditRecord> Audit) : IStoreChange;
