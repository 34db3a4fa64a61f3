// How a deferred row write's answer is checked at commit (DeferredRow).
namespace Fillmore.Storage.Postgres;

internal enum RowCheck
{
    /// <summary>Nothing to check (an upsert that always writes its row).</summary>
    None,
    /// <summary>Exactly one row written or found, else VersionConflict (a version guard).</summary>
    OneRow,
    /// <summary>An insert: a unique violation is a duplicate (order, client order id or fill).</summary>
    Unique,
}
