// Data keys for the store to create or re-wrap (under a new master key), with the control entries
// that record it: one transaction. The store keeps every data key ever made: a value encrypted
// under an old one stays readable until it is re-encrypted.
namespace Fillmore.Core.Ports;

public sealed record DataKeyChange(IReadOnlyList<DataKeyRecord> Keys, IReadOnlyList<Audit.AuditRecord> Audit)
    : IStoreChange;
