// API keys for the store to create or change (created, rotated, revoked), with the control entries
// that say who did it: written in one transaction, so no key changes without its audit entry.
// The store writes every column but the last use (ApiKeyUse), which only ever moves forward.
namespace Fillmore.Core.Ports;

/// <summary>Creates or replaces <paramref name="Keys"/> (by prefix) and appends <paramref name="Audit"/>.</summary>
public sealed record ApiKeyChange(IReadOnlyList<ApiKeyRecord> Keys, IReadOnlyList<Audit.AuditRecord> Audit)
    : IStoreChange;
