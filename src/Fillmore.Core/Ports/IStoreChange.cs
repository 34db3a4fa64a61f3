// Anything the store's single writer commits: an order change, an account change (admin), or a
// trading control (the global halt).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Accounts;

public interface IStoreChange;

/// <summary>Creates or replaces an account row. Account.Version must be the stored version + 1 (1 to create).</summary>
public sealed record AccountChange(Account Account) : IStoreChange;

/// <summary>Sets a named trading control, e.g. the global halt.</summary>
public sealed record ControlChange(string Key, string? Value) : IStoreChange;

/// <summary>Audit entries that belong to no stored order.</summary>
public sealed record AuditOnlyChange(IReadOnlyList<Audit.AuditRecord> Audit) : IStoreChange;

/// <summary>A ghost seen for the first time, with its audit entry; a ghost already stored is left as it is (entry included).</summary>
public sealed record GhostChange(Ghost Ghost, Audit.AuditRecord Audit) : IStoreChange;
