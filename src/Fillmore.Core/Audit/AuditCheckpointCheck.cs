// Checks a verified audit trail against checkpoints kept outside the database (AuditCheckpoint).
// The chains' own verification finds an entry changed, inserted, moved or removed from the middle;
// it cannot see entries cut from the end of a chain, nor a chain rewritten from some entry on with
// every hash recomputed. A checkpoint can: every head it names must still be there, with its hash.
//   - a checkpoint whose signature does not hold (or whose key is not the trusted one, or whose
//     listed heads are not the ones it signs, or whose version is unknown) proves nothing, and is
//     reported as such before anything is concluded from it;
//   - a chain ends before a checkpoint's head                  -> REMOVED (cut from the end)
//   - the entry at a checkpoint's head has another hash        -> CHANGED, somewhere after the last
//                                                                 checkpoint that still matches
// Version 1 checkpoints name an entry of the single chain, which is the legacy segment of a
// partitioned trail; version 2 checkpoints name the legacy head and every partition's head.
// Pure but for RunAsync, which streams the table once through a verifier that keeps the hashes of
// the entries the checkpoints name.
namespace Fillmore.Core.Audit;

public static class AuditCheckpointCheck
{
    /// <summary>Verifies the stored trail (AuditTrailCheck) and checks it against the checkpoints.</summary>
    /// <param name="readPage">Rows with id greater than the given id, in id order, at most the given count.</param>
    /// <param name="partitions">The store's partition count, when known.</param>
    public static async Task<AuditCheckpointVerdict> RunAsync(
        Func<long, int, CancellationToken, Task<IReadOnlyList<AuditRow>>> readPage,
        IReadOnlyList<AuditCheckpoint> checkpoints, IReadOnlySet<string>? trustedKeyIds = null,
        CancellationToken ct = default, int? partitions = null)
    {
        var verifier = new AuditVerifier(partitions, WatchOf(checkpoints));
        var chain = await AuditTrailCheck.RunAsync(readPage, verifier, AuditTrailCheck.DefaultPageSize, ct)
            .ConfigureAwait(false);
        return Check(chain, verifier, checkpoints, trustedKeyIds);
    }

    /// <summary>The same over a trail held in memory (tests), in the order given.</summary>
    public static AuditCheckpointVerdict Verify(IEnumerable<AuditEntry> entries,
        IReadOnlyList<AuditCheckpoint> checkpoints, IReadOnlySet<string>? trustedKeyIds = null, int? partitions = null)
    {
        var verifier = new AuditVerifier(partitions, WatchOf(checkpoints));
        foreach (var entry in entries)
            if (!verifier.Add(entry)) break;
        return Check(verifier.Finish(), verifier, checkpoints, trustedKeyIds);
    }

    /// <summary>The positions whose hashes the checkpoints need: each named head, and the entry after it (the
    /// first suspect when a later checkpoint fails).</summary>
    public static IReadOnlySet<AuditPosition> WatchOf(IReadOnlyList<AuditCheckpoint> checkpoints)
    {
        var watch = new HashSet<AuditPosition>();
        foreach (var c in checkpoints)
        {
            if (c.Version != AuditCheckpoint.Partitioned) { watch.Add(new AuditPosition(null, c.HeadId)); continue; }
            foreach (var head in c.Heads)
            {
                watch.Add(new AuditPosition(head.Partition, 1));
                watch.Add(new AuditPosition(head.Partition, head.Seq));
                watch.Add(new AuditPosition(head.Partition, head.Seq + 1));
            }
        }
        return watch;
    }

    /// <param name="chain">The trail's own verdict (the verifier's Finish).</param>
    /// <param name="verified">The verifier that read the trail, watching WatchOf(checkpoints).</param>
    /// <param name="checkpoints">The checkpoints kept outside, in any order.</param>
    /// <param name="trustedKeyIds">The key ids to accept; null accepts the key each checkpoint carries.</param>
    public static AuditCheckpointVerdict Check(AuditVerification chain, AuditVerifier verified,
        IReadOnlyList<AuditCheckpoint> checkpoints, IReadOnlySet<string>? trustedKeyIds = null)
    {
        var ordered = checkpoints.OrderBy(c => c.HeadId).ThenBy(c => c.CreatedAt).ToList();
        foreach (var checkpoint in ordered)
            if (Unusable(chain, checkpoint, trustedKeyIds) is { } unusable) return unusable;
        if (!chain.Valid) return new AuditCheckpointVerdict(chain, ordered.Count, null, null);
        var state = new Progress(verified, verified.Heads);
        foreach (var checkpoint in ordered)
        {
            var broken = checkpoint.Version == AuditCheckpoint.Partitioned
                ? state.CheckPartitioned(checkpoint) : state.CheckSingle(checkpoint);
            if (broken is not null) return new AuditCheckpointVerdict(broken, ordered.Count, checkpoint, null);
        }
        return new AuditCheckpointVerdict(chain, ordered.Count, ordered.LastOrDefault(), null);
    }

    private static AuditCheckpointVerdict? Unusable(AuditVerification chain, AuditCheckpoint checkpoint,
        IReadOnlySet<string>? trustedKeyIds)
    {
        if (checkpoint.Version is not (AuditCheckpoint.SingleChain or AuditCheckpoint.Partitioned))
            return AuditCheckpointVerdict.NotUsable(chain, checkpoint, ReasonCodes.CheckpointVersionUnsupported,
                $"Checkpoint {checkpoint.Seq} is of version {checkpoint.Version}; this verifier knows "
                + "fillmore-audit-checkpoint/1 and /2 only. Use a verifier of the release that wrote it.");
        if (!AuditCheckpointSigner.SignatureHolds(checkpoint))
            return AuditCheckpointVerdict.NotUsable(chain, checkpoint, ReasonCodes.CheckpointSignatureInvalid,
                $"Checkpoint {checkpoint.Seq} ({checkpoint.HeadId} entries) is not signed by the key it carries: "
                + "it was altered, so it proves nothing.");
        if (!checkpoint.HeadsConsistent)
            return AuditCheckpointVerdict.NotUsable(chain, checkpoint, ReasonCodes.CheckpointSignatureInvalid,
                $"Checkpoint {checkpoint.Seq} lists partition heads that do not hash to the "
                + $"{Short(checkpoint.HeadHash)} it signs: the list was altered, so it proves nothing.");
        if (trustedKeyIds is not null && !trustedKeyIds.Contains(checkpoint.KeyId))
            return AuditCheckpointVerdict.NotUsable(chain, checkpoint, ReasonCodes.CheckpointKeyNotTrusted,
                $"Checkpoint {checkpoint.Seq} is signed by key {checkpoint.KeyId}, not by the trusted key: "
                + "anyone can sign a checkpoint with a key of their own.");
        return null;
    }

    // What the checkpoints checked so far proved: the last legacy entry and each partition's last entry that a
    // checkpoint named and the trail still holds.
    private sealed class Progress(AuditVerifier verified, AuditHeadSet heads)
    {
        private (long Id, string Hash) _legacy = (0, AuditChain.GenesisHash);
        private readonly Dictionary<int, long> _matched = [];

        public AuditVerification? CheckSingle(AuditCheckpoint c)
        {
            if (c.HeadId > heads.LegacyHeadId)
                return Legacy(heads.LegacyHeadId + 1, AuditProblem.Removed,
                    $"The {(heads.Heads.Count > 0 ? "legacy segment" : "chain")} ends at entry {heads.LegacyHeadId}, "
                    + $"but checkpoint {c.Seq} (signed {Signed(c)}) names entry {c.HeadId}: "
                    + $"{Span(heads.LegacyHeadId + 1, c.HeadId)} cut from the end.");
            var stored = verified.Seen(new AuditPosition(null, c.HeadId), out var seen) ? seen.Hash : null;
            if (c.HeadId > 0 && stored != c.HeadHash)
                return Legacy(_legacy.Id + 1, AuditProblem.Changed,
                    $"Entry {c.HeadId} is not the entry checkpoint {c.Seq} names (its hash {Short(c.HeadHash)}, "
                    + $"stored {Short(stored ?? "none")}): the chain was rewritten from somewhere in entries "
                    + $"{_legacy.Id + 1} to {c.HeadId} and its hashes recomputed.");
            _legacy = (c.HeadId, c.HeadHash);
            return null;
        }

        public AuditVerification? CheckPartitioned(AuditCheckpoint c)
        {
            if (c.LegacyHeadId != heads.LegacyHeadId || c.LegacyHeadHash != heads.LegacyHeadHash)
            {
                var (problem, first, what) = c.LegacyHeadId > heads.LegacyHeadId
                    ? (AuditProblem.Removed, heads.LegacyHeadId + 1, "entries were cut from its end")
                    : c.LegacyHeadId < heads.LegacyHeadId
                        ? (AuditProblem.Inserted, c.LegacyHeadId + 1, "entries were added to it")
                        : (AuditProblem.Changed, _legacy.Id + 1, "it was rewritten and its hashes recomputed");
                return Legacy(first, problem, $"Checkpoint {c.Seq} (signed {Signed(c)}) says the legacy segment ends "
                    + $"at entry {c.LegacyHeadId} with hash {Short(c.LegacyHeadHash!)}; it ends at entry "
                    + $"{heads.LegacyHeadId} with hash {Short(heads.LegacyHeadHash)}: {what}.");
            }
            foreach (var head in c.Heads)
            {
                var length = heads.Heads.FirstOrDefault(h => h.Partition == head.Partition)?.Seq ?? 0;
                if (length < head.Seq)
                    return InPartition(head.Partition, length + 1, AuditProblem.Removed,
                        $"Partition {head.Partition} ends at entry {length}, but checkpoint {c.Seq} (signed "
                        + $"{Signed(c)}) names its entry {head.Seq}: {Span(length + 1, head.Seq)} cut from the end.");
                var stored = verified.Seen(new AuditPosition(head.Partition, head.Seq), out var seen) ? seen.Hash
                    : null;
                var matched = _matched.GetValueOrDefault(head.Partition);
                if (stored != head.Hash)
                    return InPartition(head.Partition, matched + 1, AuditProblem.Changed,
                        $"Partition {head.Partition}'s entry {head.Seq} is not the one checkpoint {c.Seq} names (its "
                        + $"hash {Short(head.Hash)}, stored {Short(stored ?? "none")}): the partition was rewritten "
                        + $"from somewhere in its entries {matched + 1} to {head.Seq} and its hashes recomputed.");
                _matched[head.Partition] = head.Seq;
            }
            _legacy = (c.LegacyHeadId, c.LegacyHeadHash!);
            return null;
        }

        private AuditVerification Legacy(long firstBroken, AuditProblem problem, string detail) =>
            AuditVerification.Broken(_legacy.Id, _legacy.Id, _legacy.Hash, firstBroken, problem, detail);

        private AuditVerification InPartition(int partition, long seq, AuditProblem problem, string detail) =>
            AuditVerification.Broken(heads.Entries, 0, heads.HeadsHash,
                verified.Seen(new AuditPosition(partition, seq), out var row) ? row.Id : null, problem, detail)
            with { FirstBrokenPartition = partition, FirstBrokenSeq = seq };
    }

    private static string Signed(AuditCheckpoint c) => AuditChain.FormatTimestamp(c.CreatedAt);

    private static string Span(long from, long to) =>
        from == to ? $"entry {from} was" : $"entries {from} to {to} were";

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
