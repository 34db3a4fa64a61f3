// The scenarios, each measured against the service as bots feel it. All latencies are
// Stopwatch-based in this process; propagation compares the venue's fill timestamp with the
// wall clock at receipt (same machine, same clock).
namespace Fillmore.Bench;

using System.Diagnostics;
using Microsoft.Data.Sqlite;

public sealed class Harness(Service service, BenchSettings settings)
{
    private readonly HttpClient _http = service.NewClient();

    public static TimeSpan Elapsed(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    /// <summary>Floor 1: a no-op request (GET /health/live) at the same concurrency as the throughput run.</summary>
    public async Task<double> NoOpRequestsPerSecondAsync()
    {
        var count = 0L;
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency * (long)settings.FloorSeconds;
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            while (Stopwatch.GetTimestamp() < until)
            {
                using var r = await _http.GetAsync("/health/live");
                Interlocked.Increment(ref count);
            }
        }));
        return count / settings.FloorSeconds;
    }

    /// <summary>Floor 2: one-row durable transactions with the store's own durability, on its SQLite settings or its PostgreSQL server.</summary>
    public double DurableCommitsPerSecond() => service.PostgresDatabase is { } postgres ? PostgresCommitsPerSecond(postgres) : SqliteCommitsPerSecond();

    // In the benchmark's own database, in a table of its own, with synchronous_commit on as the store has it.
    private double PostgresCommitsPerSecond(string connectionString)
    {
        using var db = new Npgsql.NpgsqlConnection(connectionString);
        db.Open();
        using (var setup = new Npgsql.NpgsqlCommand("SET synchronous_commit = on; CREATE TABLE bench_floor (id bigserial PRIMARY KEY, v text)", db))
            setup.ExecuteNonQuery();
        using var insert = new Npgsql.NpgsqlCommand("INSERT INTO bench_floor (v) VALUES ('x')", db);
        return CommitsPerSecond(db, insert);
    }

    private double SqliteCommitsPerSecond()
    {
        var dir = Directory.CreateTempSubdirectory("fillmore-floor-").FullName;
        try
        {
            using var db = new SqliteConnection($"Data Source={Path.Combine(dir, "floor.db")};Pooling=False");
            db.Open();
            using (var setup = db.CreateCommand())
            {
                setup.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)";
                setup.ExecuteNonQuery();
            }
            using var insert = db.CreateCommand();
            insert.CommandText = "INSERT INTO t (v) VALUES ('x')";
            return CommitsPerSecond(db, insert);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dir, recursive: true);
        }
    }

    // One row per transaction, back to back, for FloorSeconds.
    private double CommitsPerSecond(System.Data.Common.DbConnection db, System.Data.Common.DbCommand insert)
    {
        var commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < settings.FloorSeconds)
        {
            using var tx = db.BeginTransaction();
            insert.Transaction = tx;
            insert.ExecuteNonQuery();
            tx.Commit();
            commits++;
        }
        return commits / clock.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// One trader, one order at a time: submit→201 and submit→<paramref name="firstEvent"/> (order.accepted; with
    /// order.submitted, submit→acknowledged by the venue).
    /// </summary>
    public async Task<(Samples Ack, Samples FirstEvent)> SingleTraderAsync(Trader trader,
        string firstEvent = "order.accepted")
    {
        var (ack, first) = (new Samples(), new Samples());
        for (var i = 0; i < 20; i++) await trader.SubmitAsync(trader.Order(trader.NextClientOrderId()));   // warm-up
        for (var i = 0; i < settings.SingleTraderOrders; i++)
        {
            var clientId = trader.NextClientOrderId();
            var accepted = trader.Stream!.WaitFor(clientId, firstEvent);
            var (sent, acknowledged, _) = await trader.SubmitAsync(trader.Order(clientId));
            ack.Add(Elapsed(sent, acknowledged));
            first.Add(Elapsed(sent, await accepted.WaitAsync(TimeSpan.FromSeconds(10))));
        }
        return (ack, first);
    }

    /// <summary>Closed loop: Concurrency workers, each a trader sending as fast as it is answered, for the given time.</summary>
    public async Task<(Samples Ack, double OrdersPerSecond)> SaturationAsync(IReadOnlyList<Trader> traders, double seconds)
    {
        var ack = new Samples();
        var count = 0L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async w =>
        {
            var trader = traders[w % traders.Count];
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                var (sent, acknowledged, _) = await trader.SubmitAsync(trader.Order(trader.NextClientOrderId()));
                ack.Add(Elapsed(sent, acknowledged));
                Interlocked.Increment(ref count);
            }
        }));
        return (ack, count / clock.Elapsed.TotalSeconds);
    }

    /// <summary>Open loop: every trader sends one order each interval (staggered), like bots at 100 orders/minute.</summary>
    public async Task<Samples> PacedAsync(IReadOnlyList<Trader> traders, TimeSpan interval, double seconds)
    {
        var ack = new Samples();
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(traders.Select(async (trader, i) =>
        {
            await Task.Delay(interval * i / traders.Count);
            for (var n = 0; ; n++)
            {
                var due = start + (long)((interval * i / traders.Count + interval * n).TotalSeconds * Stopwatch.Frequency);
                if (Stopwatch.GetElapsedTime(start).TotalSeconds >= seconds) return;
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                var (sent, acknowledged, _) = await trader.SubmitAsync(trader.Order(trader.NextClientOrderId()));
                ack.Add(Elapsed(sent, acknowledged));
            }
        }));
        return ack;
    }

    /// <summary>Cancel request → order.cancelled event, for resting limit orders.</summary>
    public async Task<Samples> CancelAsync(Trader trader)
    {
        var samples = new Samples();
        for (var i = 0; i < settings.Cancels; i++)
        {
            var clientId = trader.NextClientOrderId();
            var working = trader.Stream!.WaitFor(clientId, "order.submitted");
            var (_, _, orderId) = await trader.SubmitAsync(Fillmore.Client.OrderRequest.Limit("MSFT", Fillmore.Client.Side.Buy, 1, 390.00m)
                with { TimeInForce = Fillmore.Client.TimeInForce.Gtc, ClientOrderId = clientId });
            await working.WaitAsync(TimeSpan.FromSeconds(10));
            var cancelled = trader.Stream.WaitFor(clientId, "order.cancelled");
            var sent = await trader.CancelAsync(orderId);
            samples.Add(Elapsed(sent, await cancelled.WaitAsync(TimeSpan.FromSeconds(10))));
        }
        return samples;
    }

    /// <summary>Fill propagation with `clients` WebSocket clients connected (one per trader); a few of them trade.</summary>
    public async Task<Samples> PropagationAsync(IReadOnlyList<Trader> traders, int clients, double seconds)
    {
        var connected = traders.Take(clients).ToList();
        foreach (var batch in connected.Where(t => t.Stream is null).Chunk(50))
            await Task.WhenAll(batch.Select(t => t.ConnectStreamAsync(service.Url)));
        var samples = new Samples();
        var active = connected.Take(20).ToList();
        foreach (var t in active) t.Stream!.FillPropagation = samples;
        await PacedAsync(active, TimeSpan.FromMilliseconds(200), seconds);           // 100 orders/s in all
        await Task.Delay(200);
        foreach (var t in active) t.Stream!.FillPropagation = null;
        return samples;
    }
}

public sealed record BenchSettings(bool Quick, int Concurrency, double WarmUpSeconds, double FloorSeconds, double SaturationSeconds, double PacedSeconds,
    double PropagationSeconds, int SingleTraderOrders, int Cancels)
{
    public static BenchSettings For(bool quick) => quick
        ? new(true, 32, 3, 3, 5, 6, 4, 200, 60)
        : new(false, 64, 10, 10, 30, 30, 15, 1_000, 300);
}
