// The service under test: the Release build started as a real process on a free loopback port
// with a fresh database (or an existing URL), plus what the harness needs to drive it: an admin
// key (passed as its hash) and a JWT signing key, so any number of traders can authenticate.
namespace Fillmore.Bench;

using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Fillmore.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

public sealed class Service : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key-local-only";
    private const string SigningKey = "bench-signing-key-local-only-0123456789abcdef";
    private Process? _process;
    private string? _dataDir;

    public required Uri Url { get; init; }
    public string? DatabasePath { get; private init; }
    /// <summary>With --postgres: the fresh benchmark database (as the server's admin), else null (SQLite).</summary>
    public string? PostgresDatabase { get; private init; }
    /// <summary>The administrator's client (Fillmore.Client, API key).</summary>
    public FillmoreClient Admin { get; private set; } = null!;

    /// <summary>
    /// Bytes the service process has caused to be written to storage so far (/proc/PID/io write_bytes, counted when
    /// pages are dirtied: the SQLite WAL and its checkpoints, not the sockets); null when the service was attached
    /// (--url), when the store is PostgreSQL (its server writes, not this process) or where /proc is absent.
    /// </summary>
    public long? StorageBytesWritten()
    {
        if (_process is null || PostgresDatabase is not null) return null;
        var io = $"/proc/{_process.Id}/io";
        if (!File.Exists(io)) return null;
        var line = File.ReadLines(io).FirstOrDefault(l => l.StartsWith("write_bytes:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["write_bytes:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    /// <param name="postgresAdmin">null: SQLite in a temp folder. Otherwise a PostgreSQL superuser connection string: the
    /// service gets a fresh database on that server, created here and dropped at the end.</param>
    /// <param name="environment">More environment for the service (a FIX venue: FILLMORE_VENUE_FIX and its
    /// quotes).</param>
    public static async Task<Service> StartAsync(string apiDll, string? postgresAdmin = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var dataDir = Directory.CreateTempSubdirectory("fillmore-bench-").FullName;
        var postgres = postgresAdmin is null ? null : await CreateDatabaseAsync(postgresAdmin);
        var start = new ProcessStartInfo("dotnet", [apiDll, "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = dataDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Outside Development the encryption at rest needs a master key (docs/security.md): a throwaway one per run.
        env["FILLMORE_MASTER_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        env["FILLMORE_DB"] = Path.Combine(dataDir, "bench.db");
        if (postgres is not null)
        {
            env["FILLMORE_STORE"] = "postgres";
            env["FILLMORE_POSTGRES"] = postgres;
        }
        env["ORDER_RATE_LIMIT_PER_MINUTE"] = "1000000";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Fillmore__Auth__ApiKeys__0__User"] = "bench-admin";
        env["Fillmore__Auth__ApiKeys__0__Role"] = "admin";
        env["Fillmore__Auth__ApiKeys__0__KeySha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AdminKey)));
        env["Fillmore__Auth__Jwt__Issuer"] = "fillmore-bench";
        env["Fillmore__Auth__Jwt__Audience"] = "fillmore-api";
        env["Fillmore__Auth__Jwt__SigningKey"] = SigningKey;
        env["Fillmore__Stream__BufferSize"] = "100000";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) env[key] = value;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"[service] {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new Service { Url = new Uri($"http://127.0.0.1:{port}"), DatabasePath = Path.Combine(dataDir, "bench.db"), PostgresDatabase = postgres };
        service._process = process;
        service._dataDir = dataDir;
        await service.ConnectAsync();
        return service;
    }

    public static async Task<Service> AttachAsync(Uri url)
    {
        var service = new Service { Url = url };
        await service.ConnectAsync();
        return service;
    }

    private async Task ConnectAsync()
    {
        Admin = new FillmoreClient(new FillmoreClientOptions { BaseAddress = Url, ApiKey = AdminKey });
        for (var i = 0; i < 600; i++)
        {
            if (await Admin.IsReadyAsync()) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The service at {Url} did not become ready.");
    }

    public HttpClient NewClient() => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = Url, Timeout = TimeSpan.FromSeconds(30),
    };

    public static string TokenFor(string trader) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "fillmore-bench", Audience = "fillmore-api", Expires = DateTime.UtcNow.AddHours(2),
        Subject = new ClaimsIdentity([new Claim("sub", trader), new Claim("role", "trader")]),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(SigningKey)), SecurityAlgorithms.HmacSha256),
    });

    /// <summary>Opens and funds the traders' accounts through the admin API.</summary>
    public async Task OpenAccountsAsync(IEnumerable<string> traders)
    {
        await Parallel.ForEachAsync(traders, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (trader, ct) =>
        {
            await Admin.Admin.UpdateAccountAsync(trader, new AccountUpdate
            {
                Cash = 1_000_000_000m,
                Limits = new AccountLimits
                {
                    MaxPositionShares = 100_000_000, MaxPositionNotional = 1e12m, MaxOrderNotional = 1e9m,
                    MaxOpenOrders = 1_000_000, DailyLossLimit = 1e9m,
                },
            }, ct);
        });
    }

    /// <summary>The store writer's counters from /metrics (zero against a service that does not export them).</summary>
    public async Task<WriterCounters> WriterCountersAsync()
    {
        string text;
        try { text = await Admin.GetPrometheusTextAsync(); }
        catch (FillmoreException) { return default; }
        double Sum(string metric) => text.Split('\n')
            .Where(line => line.StartsWith(metric, StringComparison.Ordinal) && (line.Length > metric.Length && line[metric.Length] is '{' or ' ' or '_'))
            .Sum(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        return new WriterCounters(Sum("fillmore_store_transactions"), Sum("fillmore_store_changes"), Sum("fillmore_store_writer_busy"));
    }

    /// <summary>Waits until no order is waiting to be sent or filled, so one stage's backlog does not distort the next.</summary>
    public async Task<TimeSpan> WaitForQuietAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            var open = 0L;
            // The stages trade market orders: nothing should stay working.
            foreach (var status in new[] { OrderStatus.PendingSubmit, OrderStatus.Pending, OrderStatus.Partial, OrderStatus.PendingCancel })
                open += (await Admin.ListOrdersAsync(new OrderQuery { Status = status, Limit = 1 })).Total;
            if (open == 0) return clock.Elapsed;
            await Task.Delay(200);
        }
        throw new TimeoutException("The service did not work off its backlog within 5 minutes.");
    }

    private static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = $"fillmore_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var connection = new Npgsql.NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Admin?.Dispose();
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        if (_dataDir is not null) try { Directory.Delete(_dataDir, recursive: true); } catch (IOException) { }
        if (PostgresDatabase is not null)
        {
            var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresDatabase) { Pooling = false };
            var name = builder.Database;
            builder.Database = "postgres";
            await using var connection = new Npgsql.NpgsqlConnection(builder.ToString());
            await connection.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

public readonly record struct WriterCounters(double Transactions, double Changes, double BusySeconds)
{
    public static WriterCounters operator -(WriterCounters a, WriterCounters b) =>
        new(a.Transactions - b.Transactions, a.Changes - b.Changes, a.BusySeconds - b.BusySeconds);
}
