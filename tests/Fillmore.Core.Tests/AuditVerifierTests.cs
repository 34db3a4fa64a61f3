// The verifier on chains built in memory with AuditChain.ComputeHash, then tampered the ways a
// person with write access to the table could: edit, delete, insert, reorder — with and without
// renumbering ids and recomputing hashes.
namespace Fillmore.Core.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public class AuditVerifierTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);

    private static AuditRecord RecordFor(int n) => new(
        new OrderId(new Guid(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1])), new TraderId(n % 2 == 0 ? "alice" : "bob"), AuditAction.Submitted,
        OrderStatus.PendingSubmit, Symbol.Of("AAPL"), Side.Buy, n, 190.10m, "SIM", T0.AddMilliseconds(n), null, null, null, ExecutionPath.V2, Actor.Trader);

    /// <summary>A valid chain of <paramref name="count"/> entries, ids 1..count.</summary>
    private static List<AuditEntry> Chain(int count) => Rechain(Enumerable.Range(1, count).Select(RecordFor), 1);

    /// <summary>Writes records as a forger would: consecutive ids from <paramref name="firstId"/>, hashes recomputed.</summary>
    private static List<AuditEntry> Rechain(IEnumerable<AuditRecord> records, long firstId, string? previous = null)
    {
        var entries = new List<AuditEntry>();
        var prev = previous ?? AuditChain.GenesisHash;
        var id = firstId;
        foreach (var r in records)
        {
            var hash = AuditChain.ComputeHash(id, r, prev);
            entries.Add(new AuditEntry(id++, r, prev, hash));
            prev = hash;
        }
        return entries;
    }

    private static List<AuditEntry> Renumber(IEnumerable<AuditEntry> entries) => entries.Select((e, i) => e with { Id = i + 1 }).ToList();

    private static void AssertBroken(AuditVerification v, long firstBrokenId, AuditProblem problem)
    {
        Assert.False(v.Valid, "the chain should not verify");
        Assert.Equal((firstBrokenId, problem), (v.FirstBrokenId, v.Problem));
        Assert.False(string.IsNullOrWhiteSpace(v.Detail));
        Assert.Equal(firstBrokenId - 1, v.Entries);
    }

    [Fact]
    public void An_untouched_chain_verifies_and_reports_its_head()
    {
        var chain = Chain(300);
        var v = AuditVerifier.Verify(chain);
        Assert.Equal((true, 300L, 300L, chain[^1].Hash), (v.Valid, v.Entries, v.HeadId, v.HeadHash));
        Assert.Null(v.FirstBrokenId);
        Assert.Equal(AuditVerification.Intact(0, 0, AuditChain.GenesisHash), AuditVerifier.Verify([]));
    }

    [Theory]
    [InlineData("quantity")]
    [InlineData("reason")]
    [InlineData("timestamp")]
    [InlineData("hash")]
    [InlineData("prev_hash")]
    public void A_changed_entry_is_named(string field)
    {
        var chain = Chain(40);
        var e = chain[16];
        chain[16] = field switch
        {
            "quantity" => e with { Record = e.Record with { Quantity = 1700 } },
            "reason" => e with { Record = e.Record with { Reason = "nothing to see" } },
            "timestamp" => e with { Record = e.Record with { Timestamp = e.Record.Timestamp.AddSeconds(-1) } },
            "hash" => e with { Hash = new string('a', 64) },
            _ => e with { PreviousHash = new string('b', 64) },
        };
        AssertBroken(AuditVerifier.Verify(chain), 17, AuditProblem.Changed);
    }

    [Fact]
    public void A_changed_entry_with_its_hash_recomputed_breaks_the_next_link()
    {
        var chain = Chain(40);
        var forged = chain[16] with { Record = chain[16].Record with { Quantity = 1 } };
        chain[16] = forged with { Hash = AuditChain.ComputeHash(17, forged.Record, forged.PreviousHash) };
        var v = AuditVerifier.Verify(chain);
        AssertBroken(v, 18, AuditProblem.Changed);
        Assert.Contains("recomputed", v.Detail);
    }

    [Fact]
    public void A_removed_entry_leaves_a_gap()
    {
        var chain = Chain(40);
        chain.RemoveAt(16);
        AssertBroken(AuditVerifier.Verify(chain), 17, AuditProblem.Removed);
        chain = Chain(40);
        chain.RemoveRange(0, 3);
        AssertBroken(AuditVerifier.Verify(chain), 1, AuditProblem.Removed);
    }

    [Fact]
    public void A_removed_entry_with_later_ids_renumbered_is_still_found()
    {
        var chain = Chain(40);
        chain.RemoveRange(16, 2);
        var v = AuditVerifier.Verify(Renumber(chain));
        AssertBroken(v, 17, AuditProblem.Removed);
        Assert.Contains("written as 19", v.Detail);
    }

    [Fact]
    public void A_forged_entry_with_a_correct_looking_hash_is_found_where_it_was_inserted()
    {
        var chain = Chain(40);
        var forged = Rechain([RecordFor(99) with { Reason = "forged" }], 17, chain[15].Hash);
        chain.InsertRange(16, forged);
        AssertBroken(AuditVerifier.Verify(Renumber(chain)), 17, AuditProblem.Inserted);
    }

    [Fact]
    public void Several_well_forged_entries_are_found_from_the_first_of_them()
    {
        var chain = Chain(40);
        chain.InsertRange(16, Rechain([RecordFor(97), RecordFor(98), RecordFor(99)], 17, chain[15].Hash));
        var v = AuditVerifier.Verify(Renumber(chain));
        AssertBroken(v, 17, AuditProblem.Inserted);
        Assert.Equal(chain[15].Hash, v.HeadHash);
        Assert.Contains("entries 17 to 19", v.Detail);
    }

    [Fact]
    public void Entries_cut_off_the_end_leave_a_chain_that_verifies_so_the_head_must_be_recorded_elsewhere()
    {
        var chain = Chain(40);
        var recorded = AuditVerifier.Verify(chain).HeadHash;
        var truncated = AuditVerifier.Verify(chain.Take(35));
        Assert.True(truncated.Valid);
        Assert.NotEqual(recorded, truncated.HeadHash);
    }

    [Fact]
    public void A_forged_entry_with_a_made_up_hash_is_found_where_it_was_inserted()
    {
        var chain = Chain(40);
        chain.Insert(16, new AuditEntry(0, RecordFor(99), chain[15].Hash, new string('f', 64)));
        chain.Insert(16, new AuditEntry(0, RecordFor(98), new string('e', 64), new string('f', 64)));
        AssertBroken(AuditVerifier.Verify(Renumber(chain)), 17, AuditProblem.Inserted);
    }

    [Theory]
    [InlineData(17, 18)]
    [InlineData(17, 30)]
    [InlineData(5, 250)]
    public void Swapped_entries_are_reported_as_reordered(int a, int b)
    {
        var chain = Chain(300);
        (chain[a - 1], chain[b - 1]) = (chain[b - 1], chain[a - 1]);
        AssertBroken(AuditVerifier.Verify(Renumber(chain)), a, AuditProblem.Reordered);
    }

    [Fact]
    public void A_rotated_run_of_entries_is_reported_as_reordered()
    {
        var chain = Chain(40);
        var moved = chain[16];
        chain.RemoveAt(16);
        chain.Insert(20, moved);
        AssertBroken(AuditVerifier.Verify(Renumber(chain)), 17, AuditProblem.Reordered);
    }

    [Fact]
    public void An_unreadable_row_is_a_changed_entry()
    {
        var chain = Chain(10).Select(AuditRow.Of).ToList();
        chain[6] = AuditRow.Damaged(7, "action is 'DELETED' where Fillmore writes a known action");
        var verifier = new AuditVerifier();
        foreach (var row in chain) verifier.Add(row);
        var v = verifier.Finish();
        AssertBroken(v, 7, AuditProblem.Changed);
        Assert.Contains("DELETED", v.Detail);
    }

    [Fact]
    public void The_verdict_is_known_early_when_possible_and_reading_can_stop()
    {
        var chain = Chain(100);
        chain.RemoveAt(9);
        var verifier = new AuditVerifier();
        var read = chain.TakeWhile(verifier.Add).Count();
        Assert.Equal(9, read);
        Assert.Equal(AuditProblem.Removed, verifier.Verdict!.Problem);
    }

    [Fact]
    public async Task Paged_reading_gives_the_same_verdict_as_reading_everything()
    {
        var chain = Chain(1234);
        var pages = 0;
        Task<IReadOnlyList<AuditRow>> Read(long after, int limit, CancellationToken ct)
        {
            pages++;
            return Task.FromResult<IReadOnlyList<AuditRow>>(chain.Where(e => e.Id > after).Take(limit).Select(AuditRow.Of).ToList());
        }
        var v = await AuditTrailCheck.RunAsync(Read, pageSize: 100);
        Assert.Equal(AuditVerifier.Verify(chain), v);
        Assert.Equal(13, pages);
    }
}
