// A mixed trading workload through the HTTP API, for the audit, report and metrics tests: alice
// and bob trade at the same time; market buys and sells fill (in pieces when partial fills are
// on), marketable limits fill, far limits rest and half of them are cancelled, orders in a halted
// symbol are denied. Each order's client_order_id is "<trader>-<n>-<kind>". Fake time moves
// between orders so entries spread over time. Also: raw SQL on the store file, for checks that
// must not go through Fillmore's own code.
namespace Fillmore.Api.Tests;

using System.Net;
using Microsoft.Data.Sqlite;

public sealed record WorkloadOrder(string Trader, string Id, string Kind);

public static class Workload
{
    public static readonly string[] Symbols = ["AAPL", "MSFT", "NVDA", "SPY"];

    /// <summary>A factory whose accounts and limits let a few hundred orders through (no rate limit, large cash).</summary>
    public static FillmoreFactory Factory(bool partialFills = false)
    {
        var factory = new FillmoreFactory();
        factory.Settings["Fillmore:RateLimit:OrdersPerMinute"] = "1000000";
        foreach (var i in new[] { "0", "1" })
        {
            factory.Settings[$"Fillmore:Accounts:Seed:{i}:Cash"] = "100000000";
            factory.Settings[$"Fillmore:Accounts:Seed:{i}:ShortSellingEnabled"] = "true";
        }
        factory.Settings["Fillmore:Risk:DefaultLimits:MaxOpenOrders"] = "100000";
        factory.Settings["Fillmore:Risk:DefaultLimits:MaxPositionShares"] = "1000000";
        factory.Settings["Fillmore:Risk:DefaultLimits:MaxPositionNotional"] = "100000000";
        factory.Settings["Fillmore:SimulatedVenue:PartialFills"] = partialFills ? "true" : "false";
        return factory;
    }

    /// <summary>Submits <paramref name="perTrader"/> orders for alice and for bob (concurrently) and waits until they settle.</summary>
    public static async Task<IReadOnlyList<WorkloadOrder>> RunAsync(FillmoreFactory factory, int perTrader)
    {
        var streams = await Task.WhenAll(
            TradeAsync(factory, "alice", factory.ClientFor(FillmoreFactory.Alice), perTrader),
            TradeAsync(factory, "bob", factory.ClientFor(FillmoreFactory.Bob), perTrader));
        await SettleAsync(factory);
        return streams.SelectMany(s => s).ToList();
    }

    private static async Task<List<WorkloadOrder>> TradeAsync(FillmoreFactory factory, string trader, HttpClient client, int count)
    {
        var orders = new List<WorkloadOrder>();
        for (var i = 0; i < count; i++)
        {
            var symbol = Symbols[i % Symbols.Length];
            var kind = (i % 20) switch { 19 => "denied", >= 15 => "resting", >= 12 => "marketable", _ => "market" };
            var tag = $"{trader}-{i}-{kind}";
            object body = kind switch
            {
                "denied" => new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET", client_order_id = tag },
                "resting" => new { symbol, side = "BUY", quantity = 1 + i % 3, order_type = "LIMIT", price = Far(symbol), time_in_force = "GTC", client_order_id = tag },
                "marketable" => new { symbol, side = "BUY", quantity = 2 + i % 4, order_type = "LIMIT", price = Through(symbol), client_order_id = tag },
                _ => new { symbol, side = i % 6 == 5 ? "SELL" : "BUY", quantity = 3 + i % 5, order_type = "MARKET", client_order_id = tag },
            };
            var response = await client.SubmitAsync(body);
            Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.UnprocessableEntity,
                $"{trader} order {i} ({kind}) answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            // A denied order answers with a problem; it is this trader's newest order (each trader submits one at a time).
            var id = response.StatusCode == HttpStatusCode.Created
                ? (await response.JsonAsync()).Id()
                : (await (await client.GetAsync("/api/v1/orders?limit=1")).JsonAsync()).GetProperty("data")[0].Id();
            orders.Add(new WorkloadOrder(trader, id, kind));
            if (kind == "resting" && i % 2 == 0) await client.PostAsync($"/api/v1/orders/{id}/cancel", null);
            factory.Time.Advance(TimeSpan.FromMilliseconds(7));
        }
        return orders;
    }

    // Below the market for a buy (within the 10 % price band): rests at the venue.
    private static decimal Far(string symbol) => symbol switch { "AAPL" => 175m, "MSFT" => 390m, "NVDA" => 110m, _ => 520m };

    // Well above the market for a buy: fills at once.
    private static decimal Through(string symbol) => symbol switch { "AAPL" => 199m, "MSFT" => 440m, "NVDA" => 126m, _ => 588m };

    /// <summary>Waits (moving fake time so the venue keeps matching) until nothing is in flight and no marketable order is left working.</summary>
    public static async Task SettleAsync(FillmoreFactory factory)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await ScalarAsync(factory.DatabasePath, """
            SELECT COUNT(*) FROM orders WHERE status IN ('PENDING_SUBMIT', 'PENDING_CANCEL')
               OR (status IN ('PENDING', 'PARTIAL') AND client_order_id NOT LIKE '%-resting')
            """) > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The workload did not settle within 30 s.");
            factory.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    public static async Task<long> ScalarAsync(string dbPath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<List<object?[]>> RowsAsync(string dbPath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    public static async Task ExecuteAsync(string dbPath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={dbPath};Pooling=False;Default Timeout=30");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }
}
