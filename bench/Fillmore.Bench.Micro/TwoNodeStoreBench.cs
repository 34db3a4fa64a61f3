// Two nodes on one PostgreSQL database (--two-nodes): two PostgresOrderStores, each with its own
// writer connection as two service nodes have, committing the store benchmark's order lifecycles
// (StoreLifecycleBench) for their own half of the bots. Each node's traders are its own (a
// trader's orders go to one node). By default bots alternate between the nodes, so the nodes share
// the audit partitions: 64 traders over 16 partitions means both nodes write every partition, and
// every group-commit batch (a few dozen traders) needs most of them. With --affinity a bot goes to
// the node of its trader's partition (partition mod 2): the nodes then share no partition.
// Phases of the same length, in the same run: node A alone (B idle), then A and B at once.
// Reported per phase: each node's order lifecycles/s, the total, and how often a sampled writer
// was waiting on a lock (pg_stat_activity wait_event_type 'Lock', sampled every 10 ms from a third
// connection: advisory, row and transaction locks alike), as the share of samples in which the
// writer was inside a statement. What it measures is the lock, not the machine: on 2 shared cores
// the server and both nodes compete for CPU, so the total cannot double (docs/scaling.md).
namespace Fillmore.Bench.Micro;

using System.Diagnostics;
using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Storage;
using Fillmore.Storage.Postgres;
using Npgsql;

public static class TwoNodeStoreBench
{
    private static readonly RiskLimits Limits = new(100_000_000, 1e12m, 1e9m, 1_000_000, 1e9m, false);

    public static async Task RunAsync(string server, int bots, TimeSpan duration, bool affinity = false)
    {
        var database = await StoreLifecycleBench.FreshDatabaseAsync(server);
        var time = TimeProvider.System;
        using var a = await PostgresOrderStore.OpenAsync(Options(database, "bench-a"), new NoSubscribers(), time);
        using var b = await PostgresOrderStore.OpenAsync(Options(database, "bench-b"), new NoSubscribers(), time);
        var accounts = new Account[bots];
        var node = new int[bots];
        for (var i = 0; i < bots; i++)
        {
            accounts[i] = new Account(new TraderId($"bot-{i:D4}"), 1e12m, Limits, false, 1);
            node[i] = affinity ? PartitionOf(accounts[i].TraderId.Value) % 2 : i % 2;
            await (node[i] == 0 ? a : b).CommitAsync(new AccountChange(accounts[i]));
        }
        IOrderStore NodeOf(int bot) => node[bot] == 0 ? a : b;
        await PhaseAsync(accounts, node, NodeOf, [0], TimeSpan.FromSeconds(3), database);    // warm-up: JIT, both nodes
        await PhaseAsync(accounts, node, NodeOf, [1], TimeSpan.FromSeconds(3), database);
        var alone = await PhaseAsync(accounts, node, NodeOf, [0], duration, database);
        var both = await PhaseAsync(accounts, node, NodeOf, [0, 1], duration, database);
        Console.WriteLine($"two nodes on one PostgreSQL, {node.Count(n => n == 0)} + {node.Count(n => n == 1)} bots, "
            + $"{(affinity ? "traders routed to nodes by partition" : "partitions shared")}, "
            + $"{duration.TotalSeconds:F0} s per phase");
        Console.WriteLine($"  node A alone (B idle): {alone.PerNode[0]:N0} orders/s; writer waiting on a lock in "
            + $"{alone.LockWait:P1} of {alone.Samples} samples");
        Console.WriteLine($"  A and B at once:       A {both.PerNode[0]:N0} + B {both.PerNode[1]:N0} = "
            + $"{both.PerNode.Sum():N0} orders/s ({both.PerNode.Sum() / alone.PerNode[0]:F2}x A alone); writers "
            + $"waiting on a lock in {both.LockWait:P1} of {both.Samples} samples");
    }

    // AuditPartitioner's function over the default 16 partitions, written out so that this file also builds against
    // a release without partitions (to measure before and after in the same run).
    private static int PartitionOf(string trader) => (int)(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(trader))) % 16);

    private static StoreOptions Options(string database, string node) =>
        new() { Provider = "postgres", PostgresConnectionString = database, NodeId = node };

    private sealed record Phase(double[] PerNode, double LockWait, int Samples);

    private static async Task<Phase> PhaseAsync(Account[] accounts, int[] node, Func<int, IOrderStore> nodeOf,
        int[] nodes, TimeSpan duration, string database)
    {
        var counts = new long[2];
        using var stop = new CancellationTokenSource();
        var sampler = SampleLockWaitsAsync(database, stop.Token);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, accounts.Length).Where(bot => nodes.Contains(node[bot])).Select(bot =>
            Task.Run(async () =>
            {
                while (clock.Elapsed < duration)
                {
                    (accounts[bot], _) = await StoreLifecycleBench.LifecycleAsync(nodeOf(bot), accounts[bot], false,
                        Guid.NewGuid);
                    Interlocked.Increment(ref counts[node[bot]]);
                }
            })));
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        var (waiting, active) = await sampler;
        return new Phase([counts[0] / seconds, counts[1] / seconds], active == 0 ? 0 : (double)waiting / active,
            active);
    }

    // Samples the writers' state: of the samples in which a writer was running a statement, how many found it
    // waiting on a lock.
    private static async Task<(int Waiting, int Active)> SampleLockWaitsAsync(string database, CancellationToken stop)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database)
            { ApplicationName = "bench-sampler" }.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var sample = new NpgsqlCommand("""
            SELECT COUNT(*) FILTER (WHERE wait_event_type = 'Lock'), COUNT(*) FROM pg_stat_activity
            WHERE application_name LIKE 'fillmore-writer:%' AND state = 'active'
            """, connection);
        var (waiting, active) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await sample.ExecuteReaderAsync(CancellationToken.None))
            {
                await reader.ReadAsync(CancellationToken.None);
                waiting += (int)reader.GetInt64(0);
                active += (int)reader.GetInt64(1);
            }
            try { await Task.Delay(10, stop); }
            catch (OperationCanceledException) { break; }
        }
        return (waiting, active);
    }
}
