// An account row for the store to create or replace, guarded by its version.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Accounts;

/// <summary>Creates or replaces an account row. Account.Version must be the stored version + 1 (1 to create).</summary>
public sealed record AccountChange(Account Account) : IStoreChange
{
    /// <summary>The control entry of an administrator's change (none for the ledger's own updates).</summary>
    public IReadOnlyList<Audit.AuditRecord> Audit { get; init; } = [];
}
