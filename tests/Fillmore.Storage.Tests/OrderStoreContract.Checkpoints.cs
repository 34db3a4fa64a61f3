// The audit checkpoints' contract, on every provider: the heads read are every partition's last
// entry's, a (version 2) checkpoint of them is appended through the writer, numbered by the store,
// read back exactly (its signature and head list still hold), paged oldest first, and the table
// refuses edits and deletions like the chain it vouches for. A version 1 checkpoint (the single
// chain, written before partitions) is stored and read back as it was.
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
        var empty = await Checkpoints.ReadAuditHeadsAsync();
        Assert.Equal((0L, 0L, 16, 16), (empty.Entries, empty.LegacyHeadId, empty.Partitions, empty.Heads.Count));
        Assert.Null(await Checkpoints.LatestCheckpointAsync());
        await Store.CommitAsync(Created(NewOrder()));
        await Store.CommitAsync(Created(NewOrder("bob")));
        await Store.CommitAsync(Created(NewOrder("bob")));
        var head = await Checkpoints.ReadAuditHeadsAsync();
        var chain = await Store.ReadAuditChainAsync(0, 10);
        Assert.Equal(3, head.Entries);
        Assert.Equal(chain.Where(r => r.Entry!.Record.TraderId.Value == "bob").Select(r => (r.Partition!.Value,
            r.PartitionSeq!.Value, r.Entry!.Hash)).Last(), head.Written.Select(h => (h.Partition, h.Seq, h.Hash))
            .Single(h => h.Partition == AuditPartitioner.Of("bob", 16)));
        Assert.Equal(head.HeadsHash, (await AuditTrailCheck.RunAsync(Store.ReadAuditChainAsync)).HeadHash);

        var written = new List<AuditCheckpoint> { Signer.Sign(chain[0].Id, chain[0].Entry!.Hash, T0) };
        Assert.True((await Store.CommitAsync(new CheckpointChange(written[0]))).Ok);
        for (var i = 0; i < 3; i++)
        {
            var checkpoint = Signer.Sign(head, T0.AddSeconds(i).AddTicks(1234567));
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
        Assert.True(all[1].HeadsConsistent && all[1].Heads.Count == 2 && all[0].Version == 1);
        Assert.Equal(head.HeadsHash, (await Checkpoints.ReadAuditHeadsAsync()).HeadsHash);   // no audit entry added
    }

    [StoreFact]
    public async Task The_database_refuses_to_change_or_delete_checkpoints()
    {
        await Store.CommitAsync(Created(NewOrder()));
        var head = await Checkpoints.ReadAuditHeadsAsync();
        await Store.CommitAsync(new CheckpointChange(Signer.Sign(head, T0)));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE audit_checkpoints SET head_id = 0"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("DELETE FROM audit_checkpoints"));
        await Assert.ThrowsAnyAsync<Exception>(() => ExecuteRawAsync("UPDATE audit_legacy_head SET head_id = 0"));
        Assert.Equal(head.Entries, (await Checkpoints.LatestCheckpointAsync())!.HeadId);
    }
}
