// The audit checkpoints' contract, on every provider: the head read is the last entry's, a
// checkpoint is appended through the writer, numbered by the store, read back exactly (its
// signature still holds), paged oldest first, and the table refuses edits and deletions like the
// chain it vouches for.
namespace Fillmore.Storage.Tests;

using System.Security.Cryptography;
using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

public abstract partial class OrderStoreContract
{
    private static readonly AuditCheckpointSigner Signer = new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    private IAuditCheckpointStore Checkpoints => (IAuditCheckpointStore)Store;

    [StoreFact]
    public async Task Checkpoints_name_the_head_read_back_exactly_and_page_oldest_first()
    {
        Assert.Null(await Checkpoints.ReadAuditHeadAsync());
        Assert.Null(await Checkpoints.LatestCheckpointAsync());
        await Store.CommitAsync(Created(NewOrder()));
        await Store.CommitAsync(Created(NewOrder()));
        var head = (await Checkpoints.ReadAuditHeadAsync())!.Value;
        var chain = await Store.ReadAuditChainAsync(0, 10);
        Assert.Equal((chain[^1].Id, chain[^1].Entry!.Hash), head);

        var written = new List<AuditCheckpoint>();
        for (var i = 0; i < 3; i++)
        {
            var checkpoint = Signer.Sign(head.Id, head.Hash, T0.AddSeconds(i).AddTicks(1234567));
            Assert.True((await Store.CommitAsync(new CheckpointChange(checkpoint))).Ok);
            written.Add(checkpoint);
        }
        var all = await Checkpoints.ListCheckpointsAsync(0, 10);
        Assert.Equal(written, all.Select(c => c with { Seq = 0 }));
        Assert.True(all.Select(c => c.Seq).SequenceEqual(all.Select(c => c.Seq).Order()) && all[0].Seq > 0);
        Assert.All(all, c => Assert.True(AuditCheckpointSigner.SignatureHolds(c)));
        Assert.Equal(all.Skip(1), await Checkpoints.ListCheckpointsAsync(all[0].Seq, 10));
        Assert.Equal([all[0]], await Checkpoints.ListCheckpointsAsync(0, 1));
        Assert.Equal(all[^1], await Checkpoints.LatestCheckpointAsync());
        Assert.Equal(head, await Checkpoints.ReadAuditHeadAsync());   // a checkpoint adds no audit entry
    }

    [StoreFact]
    public async Task The_database_refuses_to_change_or_delete_checkpoints()
    {
        await Store.CommitAsync(Created(NewOrder()));
        var head = (await Checkpoints.ReadAuditHeadAsync())!.Value;
        await Store.CommitAsync(new CheckpointChange(Signer.Sign(head.Id, head.Hash, T0)));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE audit_checkpoints SET head_id = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM audit_checkpoints"));
        Assert.Equal(head.Id, (await Checkpoints.LatestCheckpointAsync())!.HeadId);
    }
}
