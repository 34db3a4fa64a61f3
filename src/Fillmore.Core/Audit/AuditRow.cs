// One row of the audit table as the verifier reads it, in id order. Entry is null when the stored
// row cannot be read back exactly as Fillmore wrote it (an unknown action, a number in another
// form, a lower-case symbol, ...); Damage then says what is wrong. Such a row was edited.
namespace Fillmore.Core.Audit;

public sealed record AuditRow(long Id, AuditEntry? Entry, string? Damage)
{
    public static AuditRow Of(AuditEntry entry) => new(entry.Id, entry, null);

    public static AuditRow Damaged(long id, string damage) => new(id, null, damage);
}
