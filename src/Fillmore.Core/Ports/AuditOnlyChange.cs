// Audit entries for the store to append that belong to no stored order.
namespace Fillmore.Core.Ports;

/// <summary>Audit entries that belong to no stored order.</summary>
public sealed record AuditOnlyChange(IReadOnlyList<Audit.AuditRecord> Audit) : IStoreChange;
