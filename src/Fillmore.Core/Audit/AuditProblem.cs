// How an audit chain is broken, as the verifier names it. Stable names (CHANGED, REMOVED,
// INSERTED, REORDERED): compliance scripts switch on them.
namespace Fillmore.Core.Audit;

public enum AuditProblem
{
    /// <summary>An entry no longer matches its hash: a field, its prev_hash or its hash was edited.</summary>
    Changed,
    /// <summary>One or more entries are gone (an id gap, or later entries renumbered to close it).</summary>
    Removed,
    /// <summary>Entries that Fillmore never wrote sit in the chain (the originals were pushed to later ids).</summary>
    Inserted,
    /// <summary>Original entries sit at the wrong positions (ids swapped or rotated).</summary>
    Reordered,
}
