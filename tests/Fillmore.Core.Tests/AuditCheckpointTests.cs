// Checkpoints against chains built in memory: what the chain's own verification cannot see
// (entries cut from the end, a chain rewritten with its hashes recomputed) and checkpoints that
// prove nothing (altered, or signed by a key that is not the trusted one).
namespace Fillmore.Core.Tests;

using System.Security.Cryptography;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public class AuditCheckpointTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 14, 30, 0, TimeSpan.Zero);
    private readonly AuditCheckpointSigner _signer = new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    private static AuditRecord RecordFor(int n, long quantity) => new(
        new OrderId(new Guid(n, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1])), new TraderId("alice"), AuditAction.Submitted,
        OrderStatus.PendingSubmit, Symbol.Of("AAPL"), Side.Buy, quantity, 190.10m, "SIM", T0.AddMilliseconds(n), null,
        null, null, ExecutionPath.V2, Actor.Trader);

    // Entries 1..count, hashed in order; entry `rewritten` (if any) carries another quantity, and every hash after
    // it is recomputed, as a forger with write access would do.
    private static List<AuditEntry> Chain(int count, int rewritten = 0)
    {
        var (entries, previous) = (new List<AuditEntry>(), AuditChain.GenesisHash);
        for (var id = 1; id <= count; id++)
        {
            var record = RecordFor(id, id == rewritten ? 1_000 : id);
            var hash = AuditChain.ComputeHash(id, record, previous);
            entries.Add(new AuditEntry(id, record, previous, hash));
            previous = hash;
        }
        return entries;
    }

    private List<AuditCheckpoint> CheckpointsOf(List<AuditEntry> chain, params int[] heads) =>
        heads.Select((head, i) => _signer.Sign(head, chain[head - 1].Hash, T0.AddSeconds(head)) with { Seq = i + 1 })
            .ToList();

    private static AuditCheckpointVerdict Check(List<AuditEntry> chain, List<AuditCheckpoint> checkpoints,
        IReadOnlySet<string>? trusted = null) =>
        AuditCheckpointCheck.Verify(chain, checkpoints, trusted);

    [Fact]
    public void A_chain_that_still_holds_every_checkpointed_head_passes_and_names_the_newest_checkpoint()
    {
        var chain = Chain(12);
        var verdict = Check(chain, CheckpointsOf(chain, 10, 4, 7), new HashSet<string> { _signer.KeyId });
        Assert.True(verdict.Verification.Valid);
        Assert.Equal((3, 10L, (CheckpointUnusable?)null), (verdict.Checkpoints, verdict.Deciding!.HeadId,
            verdict.Unusable));
        Assert.Equal(12, verdict.Verification.HeadId);
    }

    [Theory]
    [InlineData(9, 10L)]    // three entries cut: the chain itself still verifies
    [InlineData(11, 12L)]
    [InlineData(0, 1L)]     // everything cut
    public void Entries_cut_from_the_end_are_named_removed_from_the_first_missing_one(int left, long firstMissing)
    {
        var full = Chain(12);
        var checkpoints = CheckpointsOf(full, 4, 12);
        var cut = full.Take(left).ToList();
        Assert.True(AuditVerifier.Verify(cut).Valid);
        var verdict = Check(cut, checkpoints);
        Assert.False(verdict.Verification.Valid);
        Assert.Equal((AuditProblem.Removed, firstMissing), (verdict.Verification.Problem, verdict.Verification.FirstBrokenId));
        Assert.Contains("cut from the end", verdict.Verification.Detail);
    }

    [Theory]
    [InlineData(6, 5L)]     // between the checkpoints at 4 and 9: found from entry 5 on
    [InlineData(2, 1L)]     // before the first checkpoint
    [InlineData(9, 5L)]     // the checkpointed entry itself
    public void A_chain_rewritten_with_recomputed_hashes_is_named_changed_after_the_last_checkpoint_that_holds(
        int rewritten, long firstSuspect)
    {
        var checkpoints = CheckpointsOf(Chain(12), 4, 9, 12);
        var forged = Chain(12, rewritten);
        Assert.True(AuditVerifier.Verify(forged).Valid);
        var verdict = Check(forged, checkpoints);
        Assert.Equal((false, AuditProblem.Changed, firstSuspect), (verdict.Verification.Valid,
            verdict.Verification.Problem, verdict.Verification.FirstBrokenId));
    }

    [Fact]
    public void A_rewrite_after_the_newest_checkpoint_is_not_seen_by_it()
    {
        var checkpoints = CheckpointsOf(Chain(12), 4, 9);
        Assert.True(Check(Chain(12, rewritten: 11), checkpoints).Verification.Valid);
    }

    [Fact]
    public void An_altered_checkpoint_proves_nothing_and_says_so()
    {
        var chain = Chain(8);
        var genuine = CheckpointsOf(chain, 8)[0];
        foreach (var altered in new[]
                 {
                     genuine with { HeadId = 7, HeadHash = chain[6].Hash },            // moved back to hide a cut
                     genuine with { CreatedAt = genuine.CreatedAt.AddSeconds(1) },
                     genuine with { Signature = Convert.ToBase64String(new byte[64]) },
                     genuine with { Signature = "not base64" },
                     genuine with { PublicKey = "AAAA" },
                     genuine with { KeyId = "0123456789abcdef" },
                 })
        {
            var verdict = Check(chain, [altered]);
            Assert.Equal(ReasonCodes.CheckpointSignatureInvalid, verdict.Unusable?.Code);
        }
        Assert.True(AuditCheckpointSigner.SignatureHolds(genuine));
    }

    [Fact]
    public void A_checkpoint_signed_with_another_key_is_refused_when_a_trusted_key_is_given()
    {
        var chain = Chain(8);
        var forger = new AuditCheckpointSigner(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var forged = forger.Sign(8, chain[7].Hash, T0);
        Assert.Null(Check(chain, [forged]).Unusable);   // self-consistent: only a trusted key tells them apart
        var verdict = Check(chain, [forged], new HashSet<string> { _signer.KeyId });
        Assert.Equal(ReasonCodes.CheckpointKeyNotTrusted, verdict.Unusable?.Code);
        Assert.Contains(forger.KeyId, verdict.Unusable!.Detail);
    }

    [Fact]
    public void A_chain_broken_in_itself_keeps_its_own_more_precise_verdict()
    {
        var chain = Chain(10);
        var checkpoints = CheckpointsOf(chain, 10);
        chain.RemoveAt(4);
        var verdict = Check(chain, checkpoints);
        Assert.Equal((AuditProblem.Removed, 5L), (verdict.Verification.Problem, verdict.Verification.FirstBrokenId));
    }

    [Fact]
    public void The_key_id_is_the_start_of_the_public_keys_sha256_and_the_signature_covers_the_signed_text()
    {
        var checkpoint = _signer.Sign(3, new string('a', 64), T0);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(_signer.PublicKey)))[..16],
            checkpoint.KeyId);
        Assert.Equal($"fillmore-audit-checkpoint/1|2026-11-24T14:30:00.0000000Z|3|{new string('a', 64)}|"
            + checkpoint.KeyId, checkpoint.SignedText());
    }
}
