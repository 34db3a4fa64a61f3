// One row of the audit table as the verifier reads it, in id order. Entry is null when the stored
// row cannot be read back exactly as Fillmore wrote it (an unknown action, a number in another
// form, a lower-case symbol, ...); Damage then says what is wrong. Such a row was edited.
// Partition and PartitionSeq are the row's place in a partition chain as stored (null: a legacy
// row, or a value that could not be read), so a damaged row is still named where it sits.
namespace Fillmore.Core.Audit;

public sealed record AuditRow(long Id, AuditEntry? Entry, string? Damage, int? Partition = null,
    long? PartitionSeq = null)
{
    public static AuditRow Of(AuditEntry entry) => new(entry.Id, entry, null, entry.Partition, entry.PartitionSeq);

    public static AuditRow Damaged(long id, string damage, int? partition = null, long? partitionSeq = null) =>
        new(id, null, damage, partition, partitionSeq);
}
