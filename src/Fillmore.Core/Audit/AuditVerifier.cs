// Verifies the whole audit trail (docs/audit.md) from rows fed in id order, one at a time, so a
// caller can stream a table of any size through it in pages. Pure: no I/O, no clock.
// The trail is the legacy segment (rows without a partition: the single chain written before the
// trail was partitioned, ids 1..n) followed by one chain per partition. Rows are dealt to their
// chain (AuditChainVerifier): a legacy row at its id, a partition row at its partition_seq. Within
// a partition, ids grow with the sequence (the writer numbers both under the partition's lock), so
// reading the table once in id order reads every chain in order. Every partition's first entry
// links to the legacy segment's head (64 zeros when there is none).
// With the partition count known, an entry must also sit in its trader's partition
// (AuditPartitioner). The verdict names the first broken entry in id order among the chains that
// broke; once one chain has a verdict, the others stop where they are.
// Watched positions: the hash (and id) of each intact entry at one of them is kept, for checking
// checkpoints (AuditCheckpointCheck) without reading the table twice.
namespace Fillmore.Core.Audit;

public sealed class AuditVerifier
{
    // Recent (seq, id) pairs per partition, to give a broken position its row's id.
    private const int IdMemory = 160;

    private readonly int? _partitions;
    private readonly IReadOnlySet<AuditPosition>? _watch;
    private readonly AuditChainVerifier _legacy;
    private readonly SortedDictionary<int, Part> _parts = new();
    private readonly Dictionary<AuditPosition, (long Id, string Hash)> _seen = new();
    private string? _genesis;
    private long _headId;
    private AuditVerification? _verdict;

    private sealed record Part(AuditChainVerifier Chain, Queue<(long Seq, long Id)> Ids);

    /// <param name="partitions">The store's partition count, when known: entries are then also checked to sit in
    /// their trader's partition.</param>
    /// <param name="watch">Positions whose hash to keep (see Seen).</param>
    public AuditVerifier(int? partitions = null, IReadOnlySet<AuditPosition>? watch = null)
    {
        _partitions = partitions;
        _watch = watch;
        _legacy = new AuditChainVerifier(AuditChain.GenesisHash, (e, id) => Hashes(e, AuditChain.ComputeHash(id,
            e.Record, e.PreviousHash)), "", (id, row) => Accepted(new AuditPosition(null, id), row));
    }

    /// <summary>The verdict as soon as it is known; null while everything read so far is intact.</summary>
    public AuditVerification? Verdict => _verdict;

    /// <summary>Verifies a whole trail held in memory (tests, small tables), in the order given.</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entries, int? partitions = null)
    {
        var verifier = new AuditVerifier(partitions);
        foreach (var entry in entries)
            if (!verifier.Add(entry)) break;
        return verifier.Finish();
    }

    public bool Add(AuditEntry entry) => Add(AuditRow.Of(entry));

    /// <summary>Feeds the next row in id order. Returns false once the verdict is known: stop reading.</summary>
    public bool Add(AuditRow row)
    {
        if (_verdict is not null) return false;
        var partition = row.Entry?.Partition ?? row.Partition;
        if (partition is null)
        {
            if (_genesis is not null)
                return Decide(Global(row.Id, AuditProblem.Inserted, $"Entry {row.Id} has no partition but comes "
                    + "after the trail was partitioned: the legacy segment is closed, so Fillmore never wrote it."));
            if (!_legacy.Add(row)) Conclude();
            return _verdict is null;
        }
        if (_genesis is null && !StartPartitions()) return false;
        return AddToPartition(partition.Value, row);
    }

    /// <summary>Call at the end of the input: the verdict over everything fed.</summary>
    public AuditVerification Finish()
    {
        Conclude();
        return _verdict!;
    }

    /// <summary>The heads verified so far: the legacy segment's and every partition's.</summary>
    public AuditHeadSet Heads => new(_partitions ?? (_parts.Count == 0 ? 0 : _parts.Keys.Max() + 1),
        _legacy.LastPosition, _legacy.LastHash,
        _parts.Select(p => new AuditHead(p.Key, p.Value.Chain.LastPosition, p.Value.Chain.LastHash)).ToList());

    /// <summary>The id and hash of the intact entry at a watched position, if it was read.</summary>
    public bool Seen(AuditPosition position, out (long Id, string Hash) entry) =>
        _seen.TryGetValue(position, out entry);

    private bool AddToPartition(int partition, AuditRow row)
    {
        var seq = row.Entry?.PartitionSeq ?? row.PartitionSeq;
        if (seq is null)
            return Decide(Global(row.Id, AuditProblem.Changed, $"Entry {row.Id} names partition {partition} but no "
                + "sequence number in it: it was edited."));
        if (partition < 0 || partition >= (_partitions ?? int.MaxValue))
            return Decide(Global(row.Id, AuditProblem.Inserted, $"Entry {row.Id} is in partition {partition}, but "
                + $"the trail has {_partitions} partitions (0 to {_partitions - 1}): Fillmore never wrote it."));
        var damage = row.Damage;
        var entry = row.Entry;
        if (entry is not null && _partitions is { } count
            && AuditPartitioner.Of(entry.Record.TraderId, count) is var home && home != partition)
        {
            damage = $"trader {entry.Record.TraderId.Value} belongs to partition {home}, not {partition}";
            entry = null;
        }
        if (!_parts.TryGetValue(partition, out var part))
        {
            var genesis = _genesis!;
            part = new Part(new AuditChainVerifier(genesis, (e, s) => Hashes(e, AuditChain.ComputePartitionHash(
                    partition, s, e.Record, e.PreviousHash)), $"Partition {partition}: ",
                (s, r) => Accepted(new AuditPosition(partition, s), r)), new Queue<(long, long)>());
            _parts.Add(partition, part);
        }
        part.Ids.Enqueue((seq.Value, row.Id));
        if (part.Ids.Count > IdMemory) part.Ids.Dequeue();
        if (seq == 1 && part.Chain.Count == 0 && entry is not null && entry.PreviousHash != _genesis
            && Hashes(entry, AuditChain.ComputePartitionHash(partition, 1, entry.Record, entry.PreviousHash)))
            return Decide(LegacyCut(partition, entry));
        if (!part.Chain.Add(new AuditRow(seq.Value, entry, damage))) Conclude();
        return _verdict is null;
    }

    // The legacy segment ends here: its head is every partition's genesis.
    private bool StartPartitions()
    {
        if (_legacy.HasSuspect || _legacy.Verdict is not null)
        {
            Conclude();
            return false;
        }
        _genesis = _legacy.LastHash;
        return true;
    }

    // A partition's first entry is intact but links to another legacy head than the one read.
    private AuditVerification LegacyCut(int partition, AuditEntry first)
    {
        var end = _legacy.LastPosition;
        return AuditVerification.Broken(_legacy.Count, end, _legacy.LastHash, end + 1, AuditProblem.Removed,
            $"The legacy segment ends at entry {end} (hash {Short(_legacy.LastHash)}), but partition {partition}'s "
            + $"first entry links to the head {Short(first.PreviousHash)}: entries were cut from the end of the "
            + "legacy segment, or it was rewritten.");
    }

    private void Accepted(AuditPosition position, AuditRow row)
    {
        _headId = Math.Max(_headId, row.Entry!.Id);
        if (_watch?.Contains(position) == true) _seen[position] = (row.Entry.Id, row.Entry.Hash);
    }

    private AuditVerification Global(long id, AuditProblem problem, string detail) =>
        AuditVerification.Broken(Count(), _headId, _legacy.LastHash, id, problem, detail);

    private bool Decide(AuditVerification verdict)
    {
        _verdict = verdict;
        return false;
    }

    // The verdict: the first broken entry in id order among the chains that broke, else intact.
    private void Conclude()
    {
        if (_verdict is not null) return;
        var legacy = _legacy.Finish();
        if (_parts.Count == 0)
        {
            _verdict = legacy;
            return;
        }
        if (!legacy.Valid) { _verdict = legacy; return; }
        var broken = _parts.Select(p => (Partition: p.Key, Part: p.Value, Verdict: p.Value.Chain.Finish()))
            .Where(p => !p.Verdict.Valid)
            .Select(p => InPartition(p.Partition, p.Part, p.Verdict))
            .OrderBy(v => v.FirstBrokenId ?? long.MaxValue).FirstOrDefault();
        var heads = Heads;
        _verdict = broken ?? AuditVerification.Intact(Count(), _headId, heads.HeadsHash);
    }

    private AuditVerification InPartition(int partition, Part part, AuditVerification chain)
    {
        var seq = chain.FirstBrokenId!.Value;
        var id = part.Ids.Where(i => i.Seq == seq).Select(i => (long?)i.Id).FirstOrDefault();
        var intactId = part.Ids.Where(i => i.Seq == chain.HeadId).Select(i => i.Id).FirstOrDefault();
        return AuditVerification.Broken(Count() - part.Chain.Count + chain.Entries, intactId, chain.HeadHash, id,
            chain.Problem!.Value, chain.Detail!) with { FirstBrokenPartition = partition, FirstBrokenSeq = seq };
    }

    private long Count() => _legacy.Count + _parts.Values.Sum(p => p.Chain.Count);

    private static bool Hashes(AuditEntry entry, string expected) =>
        string.Equals(expected, entry.Hash, StringComparison.Ordinal);

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
