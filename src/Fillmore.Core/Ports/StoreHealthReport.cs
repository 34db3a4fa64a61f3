// The store writer's recent history: the facts health judges "can the store write" from.
namespace Fillmore.Core.Ports;

/// <param name="LastWriteFailed">The last transaction failed (not refused: failed; a refusal is the store
/// working).</param>
/// <param name="WritingSince">When the transaction in progress began; null when the writer is idle.</param>
public sealed record StoreHealthReport(bool LastWriteFailed, DateTimeOffset? LastCommitAt, TimeSpan? LastCommitLatency,
    DateTimeOffset? LastFailureAt, DateTimeOffset? WritingSince)
{
    public static StoreHealthReport Unknown { get; } = new(false, null, null, null, null);
}
