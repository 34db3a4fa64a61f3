// The partitioned trail built in memory as the stores write it: a legacy segment (the single
// chain of a store written before partitions) followed by one chain per partition, each starting
// from the legacy head. Tampered the ways someone with write access could, in one partition or in
// the legacy segment; and checked against version 2 checkpoints, which catch what no chain can
// (entries cut from the end of one partition, a partition rewritten and rehashed).
namespace Fillmore.Core.Tests;

using System.Security.Cryptography;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public class AuditPartitionTests
{
    private const int P = 4;
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    // Partitions 1, 0, 3, 2, 0, 0 of four.
    private static readonly string[] Traders = ["alice", "bob", "carol", "frank", "erin", "*"];
    private readonly AuditCheckpointSigner _signer = new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    private static AuditRecord RecordFor(int n, long? quantity = null) => new(
        new OrderId(new Guid(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1])), new TraderId(Traders[n % Traders.Length]),
        AuditAction.Submitted, OrderStatus.PendingSubmit, Symbol.Of("AAPL"), Side.Buy, quantity ?? n, 190.10m, "SIM",
        T0.AddMilliseconds(n), null, null, null, ExecutionPath.V2, Actor.Trader);

    /// <summary><paramref name="legacy"/> legacy entries (ids 1..legacy), then <paramref name="partitioned"/>
    /// entries dealt to their traders' partitions, with the next ids. <paramref name="rewriteFrom"/>: the records
    /// from that number on carry another quantity, every hash recomputed, as a forger would.</summary>
    private static List<AuditEntry> Trail(int legacy, int partitioned, int rewriteFrom = int.MaxValue)
    {
        var entries = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var id = 1; id <= legacy; id++)
        {
            var hash = AuditChain.ComputeHash(id, RecordFor(id), previous);
            entries.Add(new AuditEntry(id, RecordFor(id), previous, hash));
            previous = hash;
        }
        var heads = Enumerable.Range(0, P).ToDictionary(p => p, _ => (Seq: 0L, Hash: previous));
        for (var n = legacy + 1; n <= legacy + partitioned; n++)
        {
            var record = RecordFor(n, n >= rewriteFrom ? 1_000 : null);
            var p = AuditPartitioner.Of(record.TraderId, P);
            var (seq, prev) = (heads[p].Seq + 1, heads[p].Hash);
            var hash = AuditChain.ComputePartitionHash(p, seq, record, prev);
            entries.Add(new AuditEntry(n, record, prev, hash, p, seq));
            heads[p] = (seq, hash);
        }
        return entries;
    }

    private static AuditHeadSet HeadsOf(List<AuditEntry> trail) =>
        new(P, trail.Count(e => e.IsLegacy), trail.LastOrDefault(e => e.IsLegacy)?.Hash ?? AuditChain.GenesisHash,
            trail.Where(e => !e.IsLegacy).GroupBy(e => e.Partition!.Value)
                .Select(g => new AuditHead(g.Key, g.Max(e => e.PartitionSeq!.Value), g.Last().Hash)).ToList());

    private static AuditEntry Entry(List<AuditEntry> trail, int partition, long seq) =>
        trail.Single(e => e.Partition == partition && e.PartitionSeq == seq);

    [Fact]
    public void The_partition_is_a_stable_hash_of_the_trader_id()
    {
        // The same values as the Python in docs/audit.md: the first four bytes of SHA-256, big-endian, mod P.
        Assert.Equal([9, 8, 7, 0, 4], new[] { "alice", "bob", "carol", "*", "unknown" }
            .Select(t => AuditPartitioner.Of(t, 16)));
        Assert.Equal([1, 0, 3, 0], new[] { "alice", "bob", "carol", "*" }.Select(t => AuditPartitioner.Of(t, 4)));
    }

    [Fact]
    public void The_partition_and_its_sequence_are_covered_by_the_hash()
    {
        var record = RecordFor(1);
        var hash = AuditChain.ComputePartitionHash(2, 5, record, AuditChain.GenesisHash);
        Assert.NotEqual(hash, AuditChain.ComputePartitionHash(3, 5, record, AuditChain.GenesisHash));
        Assert.NotEqual(hash, AuditChain.ComputePartitionHash(2, 6, record, AuditChain.GenesisHash));
        Assert.NotEqual(hash, AuditChain.ComputeHash(5, record, AuditChain.GenesisHash));
        var canonical = "1:2,1:5,28:2026-11-24T14:30:00.0010000Z,36:00000001-0000-0000-0000-000000000001,3:bob,"
            + "9:SUBMITTED,14:PENDING_SUBMIT,4:AAPL,3:BUY,1:1,5:190.1,3:SIM,~,~,~,2:V2,6:TRADER,";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            AuditChain.GenesisHash + canonical))), hash);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void An_untouched_trail_verifies_with_the_hash_of_its_heads(int legacy)
    {
        var trail = Trail(legacy, 60);
        var verdict = AuditVerifier.Verify(trail, P);
        var heads = HeadsOf(trail);
        Assert.Equal((true, legacy + 60L, legacy + 60L, heads.HeadsHash),
            (verdict.Valid, verdict.Entries, verdict.HeadId, verdict.HeadHash));
        Assert.True(trail.Where(e => !e.IsLegacy).All(e => e.Partition == AuditPartitioner.Of(e.Record.TraderId, P)));
        Assert.Equal(P, heads.Heads.Count);
    }

    [Fact]
    public void A_changed_entry_in_one_partition_is_named_by_partition_and_seq()
    {
        var trail = Trail(5, 60);
        var target = Entry(trail, 3, 4);
        trail[trail.IndexOf(target)] = target with { Record = target.Record with { Quantity = 999 } };
        var verdict = AuditVerifier.Verify(trail, P);
        Assert.Equal((false, AuditProblem.Changed, 3, 4L, target.Id), (verdict.Valid, verdict.Problem,
            verdict.FirstBrokenPartition, verdict.FirstBrokenSeq, verdict.FirstBrokenId));
        Assert.StartsWith("Partition 3: Entry 4 ", verdict.Detail);
    }

    [Fact]
    public void A_removed_or_reordered_entry_in_a_partition_is_named_at_its_place()
    {
        var removed = Trail(0, 60);
        var gone = Entry(removed, 1, 5);
        removed.Remove(gone);
        Assert.Equal((AuditProblem.Removed, 1, 5L), Where(AuditVerifier.Verify(removed, P)));

        var swapped = Trail(0, 60);
        var (a, b) = (Entry(swapped, 2, 3), Entry(swapped, 2, 6));
        swapped[swapped.IndexOf(a)] = b with { Id = a.Id, PartitionSeq = 3 };
        swapped[swapped.IndexOf(b)] = a with { Id = b.Id, PartitionSeq = 6 };
        Assert.Equal((AuditProblem.Reordered, 2, 3L), Where(AuditVerifier.Verify(swapped, P)));
    }

    [Fact]
    public void Of_two_broken_partitions_the_first_broken_entry_in_id_order_is_named()
    {
        var trail = Trail(0, 60);
        var (late, early) = (Entry(trail, 0, 9), Entry(trail, 1, 2));
        Assert.True(early.Id < late.Id);
        trail[trail.IndexOf(late)] = late with { Hash = new string('a', 64) };
        trail[trail.IndexOf(early)] = early with { Record = early.Record with { Reason = "edited" } };
        Assert.Equal((AuditProblem.Changed, 1, 2L), Where(AuditVerifier.Verify(trail, P)));
    }

    [Fact]
    public void Tampering_in_the_legacy_segment_is_named_by_its_id_and_a_cut_legacy_tail_by_the_partitions()
    {
        var changed = Trail(10, 30);
        changed[6] = changed[6] with { Record = changed[6].Record with { Quantity = 1 } };
        var verdict = AuditVerifier.Verify(changed, P);
        Assert.Equal((AuditProblem.Changed, 7L, (int?)null), (verdict.Problem, verdict.FirstBrokenId,
            verdict.FirstBrokenPartition));

        var cut = Trail(10, 30);
        cut.RemoveAt(9);    // the legacy segment's last entry: the legacy chain alone still verifies
        verdict = AuditVerifier.Verify(cut, P);
        Assert.Equal((AuditProblem.Removed, 10L, (int?)null), (verdict.Problem, verdict.FirstBrokenId,
            verdict.FirstBrokenPartition));
        Assert.Contains("cut from the end of the legacy segment", verdict.Detail);

        var late = Trail(10, 30);
        late.Add(new AuditEntry(41, RecordFor(41), late[^1].Hash, AuditChain.ComputeHash(41, RecordFor(41),
            late[^1].Hash)));
        Assert.Equal((AuditProblem.Inserted, 41L), (AuditVerifier.Verify(late, P).Problem,
            AuditVerifier.Verify(late, P).FirstBrokenId));
    }

    [Fact]
    public void An_entry_outside_its_traders_partition_is_caught_when_the_count_is_known()
    {
        var trail = Trail(0, 30);
        Assert.True(AuditVerifier.Verify(trail).Valid);    // without the count, only the chains are checked
        var verdict = AuditVerifier.Verify(trail, 8);       // the store says 8: alice belongs elsewhere
        Assert.False(verdict.Valid);
        Assert.Contains("belongs to partition", verdict.Detail);
    }

    [Fact]
    public void A_checkpoint_of_every_head_passes_an_intact_trail_and_names_the_newest()
    {
        var trail = Trail(5, 80);
        var checkpoints = new[] { 40, 60, 85 }.Select((n, i) =>
            _signer.Sign(HeadsOf(trail.Take(n).ToList()), T0.AddSeconds(n)) with { Seq = i + 1 }).ToList();
        var verdict = AuditCheckpointCheck.Verify(trail, checkpoints, new HashSet<string> { _signer.KeyId }, P);
        Assert.True(verdict.Verification.Valid);
        Assert.Equal((3, 85L, AuditCheckpoint.Partitioned), (verdict.Checkpoints, verdict.Deciding!.HeadId,
            verdict.Deciding.Version));
        Assert.Equal(verdict.Verification.HeadHash, checkpoints[^1].HeadHash);
    }

    [Fact]
    public void Entries_cut_from_the_tail_of_any_one_partition_are_caught_by_the_checkpoint()
    {
        var full = Trail(5, 80);
        var checkpoint = _signer.Sign(HeadsOf(full), T0);
        foreach (var partition in Enumerable.Range(0, P))
        {
            var length = HeadsOf(full).Heads.Single(h => h.Partition == partition).Seq;
            var cut = full.Where(e => e.Partition != partition || e.PartitionSeq <= length - 2).ToList();
            Assert.True(AuditVerifier.Verify(cut, P).Valid);    // the chains alone cannot tell
            var verdict = AuditCheckpointCheck.Verify(cut, [checkpoint], partitions: P).Verification;
            Assert.Equal((false, AuditProblem.Removed, partition, length - 1, (long?)null),
                (verdict.Valid, verdict.Problem, verdict.FirstBrokenPartition, verdict.FirstBrokenSeq,
                    verdict.FirstBrokenId));
            Assert.Contains("cut from the end", verdict.Detail);
        }
    }

    [Fact]
    public void A_partition_rewritten_and_rehashed_is_named_after_the_last_checkpoint_that_holds()
    {
        var genuine = Trail(0, 80);
        var early = _signer.Sign(HeadsOf(genuine.Take(30).ToList()), T0);
        var late = _signer.Sign(HeadsOf(genuine), T0.AddSeconds(1));
        var forged = Trail(0, 80, rewriteFrom: 50);
        Assert.True(AuditVerifier.Verify(forged, P).Valid);
        // Every partition was rewritten from entry 50 on; the late checkpoint's heads are checked in partition order.
        var verdict = AuditCheckpointCheck.Verify(forged, [late, early], partitions: P).Verification;
        var matched = early.Heads.Single(h => h.Partition == 0).Seq;
        Assert.Equal((AuditProblem.Changed, 0, matched + 1), (verdict.Problem!.Value, verdict.FirstBrokenPartition,
            verdict.FirstBrokenSeq));
        Assert.Equal(Entry(forged, 0, matched + 1).Id, verdict.FirstBrokenId);
        Assert.True(AuditCheckpointCheck.Verify(forged, [early], partitions: P).Verification.Valid);
    }

    [Fact]
    public void A_checkpoint_from_another_key_an_altered_head_list_or_an_unknown_version_proves_nothing()
    {
        var trail = Trail(3, 40);
        var heads = HeadsOf(trail);
        var forger = new AuditCheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var trusted = new HashSet<string> { _signer.KeyId };
        Assert.Equal(ReasonCodes.CheckpointKeyNotTrusted,
            AuditCheckpointCheck.Verify(trail, [forger.Sign(heads, T0)], trusted, P).Unusable?.Code);
        var genuine = _signer.Sign(heads, T0);
        var shorter = genuine with
        {
            Heads = [.. genuine.Heads.Select(h => h.Partition == 1 ? h with { Seq = h.Seq - 1 } : h)],
        };
        Assert.Equal(ReasonCodes.CheckpointSignatureInvalid,
            AuditCheckpointCheck.Verify(trail, [shorter], trusted, P).Unusable?.Code);
        Assert.Equal(ReasonCodes.CheckpointVersionUnsupported,
            AuditCheckpointCheck.Verify(trail, [genuine with { Version = 3 }], trusted, P).Unusable?.Code);
        Assert.StartsWith($"fillmore-audit-checkpoint/2|2026-11-24T14:30:00.0000000Z|{P}|43|{heads.HeadsHash}|",
            genuine.SignedText());
    }

    [Fact]
    public void A_version_1_checkpoint_of_the_single_chain_still_verifies_its_legacy_segment()
    {
        var trail = Trail(10, 30);
        var old = _signer.Sign(10, trail[9].Hash, T0);
        Assert.True(AuditCheckpointCheck.Verify(trail, [old, _signer.Sign(HeadsOf(trail), T0.AddSeconds(1))],
            partitions: P).Verification.Valid);
        var cut = Trail(10, 30);
        cut[8] = cut[8] with { Record = cut[8].Record with { Quantity = 5 } };
        Assert.Equal(AuditProblem.Changed, AuditCheckpointCheck.Verify(cut, [old], partitions: P).Verification.Problem);
    }

    private static (AuditProblem, int?, long?) Where(AuditVerification v) =>
        (v.Problem!.Value, v.FirstBrokenPartition, v.FirstBrokenSeq);
}
