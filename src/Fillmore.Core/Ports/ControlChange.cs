// A trading control for the store to set (a halt, the execution flag), with the control entries
// that say who changed it, from what, to what and why: written in one transaction.
namespace Fillmore.Core.Ports;

/// <summary>Sets the control <paramref name="Key"/> to <paramref name="Value"/> (null removes it).</summary>
public sealed record ControlChange(string Key, string? Value) : IStoreChange
{
    public IReadOnlyList<Audit.AuditRecord> Audit { get; init; } = [];
}
