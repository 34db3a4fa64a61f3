// Checks a verified audit chain against checkpoints kept outside the database (AuditCheckpoint).
// The chain's own verification finds an entry changed, inserted, moved or removed from the middle;
// it cannot see entries cut from the end, nor a chain rewritten from some entry on with every
// hash recomputed. A checkpoint can: the entry it names must still be there, with its hash.
//   - a checkpoint whose signature does not hold (or whose key is not the trusted one) proves
//     nothing, and is reported as such before anything is concluded from it;
//   - the chain ends before a checkpoint's head                -> REMOVED (cut from the end)
//   - the entry at a checkpoint's head has another hash        -> CHANGED, somewhere after the last
//                                                                 checkpoint that still matches
// Pure: the caller reads the hashes of the entries the checkpoints name.
namespace Fillmore.Core.Audit;

public static class AuditCheckpointCheck
{
    /// <summary>Verifies the stored chain (AuditTrailCheck), reads the hash of each entry a checkpoint names, and
    /// checks the chain against the checkpoints.</summary>
    /// <param name="readPage">Rows with id greater than the given id, in id order, at most the given count.</param>
    public static async Task<AuditCheckpointVerdict> RunAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage,
        IReadOnlyList<AuditCheckpoint> checkpoints, IReadOnlySet<string>? trustedKeyIds = null,
        CancellationToken ct = default)
    {
        var chain = await AuditTrailCheck.RunAsync(readPage, AuditTrailCheck.DefaultPageSize, ct).ConfigureAwait(false);
        var hashes = new Dictionary<long, string>();
        foreach (var id in checkpoints.Select(c => c.HeadId).Where(id => id > 0).Distinct())
            if (await readPage(id - 1, 1, ct).ConfigureAwait(false) is [{ Entry: { } entry }] && entry.Id == id)
                hashes[id] = entry.Hash;
        return Check(chain, checkpoints, hashes, trustedKeyIds);
    }

    /// <param name="chain">The chain's own verdict (AuditVerifier).</param>
    /// <param name="checkpoints">The checkpoints kept outside, in any order.</param>
    /// <param name="hashes">The stored hash of each entry a checkpoint names, where the chain has that entry.</param>
    /// <param name="trustedKeyIds">The key ids to accept; null accepts the key each checkpoint carries.</param>
    public static AuditCheckpointVerdict Check(AuditVerification chain, IReadOnlyList<AuditCheckpoint> checkpoints,
        IReadOnlyDictionary<long, string> hashes, IReadOnlySet<string>? trustedKeyIds = null)
    {
        var ordered = checkpoints.OrderBy(c => c.HeadId).ThenBy(c => c.CreatedAt).ToList();
        foreach (var checkpoint in ordered)
        {
            if (!AuditCheckpointSigner.SignatureHolds(checkpoint))
                return AuditCheckpointVerdict.NotUsable(chain, checkpoint, ReasonCodes.CheckpointSignatureInvalid,
                    $"Checkpoint {checkpoint.Seq} (entry {checkpoint.HeadId}) is not signed by the key it carries: "
                    + "it was altered, so it proves nothing.");
            if (trustedKeyIds is not null && !trustedKeyIds.Contains(checkpoint.KeyId))
                return AuditCheckpointVerdict.NotUsable(chain, checkpoint, ReasonCodes.CheckpointKeyNotTrusted,
                    $"Checkpoint {checkpoint.Seq} is signed by key {checkpoint.KeyId}, not by the trusted key: "
                    + "anyone can sign a checkpoint with a key of their own.");
        }
        if (!chain.Valid) return new AuditCheckpointVerdict(chain, ordered.Count, null, null);
        var (lastId, lastHash) = (0L, AuditChain.GenesisHash);
        foreach (var checkpoint in ordered)
        {
            if (checkpoint.HeadId > chain.HeadId)
                return Broken(checkpoint, ordered.Count, lastId, lastHash, chain.HeadId + 1, AuditProblem.Removed,
                    $"The chain ends at entry {chain.HeadId}, but checkpoint {checkpoint.Seq} (signed "
                    + $"{AuditChain.FormatTimestamp(checkpoint.CreatedAt)}) names entry {checkpoint.HeadId}: "
                    + $"{Span(chain.HeadId + 1, checkpoint.HeadId)} cut from the end.");
            if (!hashes.TryGetValue(checkpoint.HeadId, out var stored) || stored != checkpoint.HeadHash)
                return Broken(checkpoint, ordered.Count, lastId, lastHash, lastId + 1, AuditProblem.Changed,
                    $"Entry {checkpoint.HeadId} is not the entry checkpoint {checkpoint.Seq} names (its hash "
                    + $"{Short(checkpoint.HeadHash)}, stored {Short(stored ?? "none")}): the chain was rewritten "
                    + $"from somewhere in entries {lastId + 1} to {checkpoint.HeadId} and its hashes recomputed.");
            (lastId, lastHash) = (checkpoint.HeadId, checkpoint.HeadHash);
        }
        return new AuditCheckpointVerdict(chain, ordered.Count, ordered.LastOrDefault(), null);
    }

    private static AuditCheckpointVerdict Broken(AuditCheckpoint failed, int count, long lastId, string lastHash,
        long firstBrokenId, AuditProblem problem, string detail) =>
        new(AuditVerification.Broken(lastId, lastId, lastHash, firstBrokenId, problem, detail), count, failed, null);

    private static string Span(long from, long to) =>
        from == to ? $"entry {from} was" : $"entries {from} to {to} were";

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
