// A ghost order for the store to keep, with its audit entry: stored once, on first sight.
namespace Fillmore.Core.Ports;

/// <summary>A ghost seen for the first time, with its audit entry; a ghost already stored is left as it is (entry
/// included).</summary>
public sealed record GhostChange(Ghost Ghost, Audit.AuditRecord Audit) : IStoreChange;
