// Hosts the real Program in memory: a temp SQLite file, FakeTimeProvider (quotes only move when
// a test says so), the simulated venue, and the Development demo credentials.
namespace Fillmore.Api.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using Fillmore.Client;
using Fillmore.Venues.Simulated;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

public sealed class FillmoreFactory : WebApplicationFactory<Program>
{
    public const string Alice = "alice-demo-key";
    public const string Bob = "bob-demo-key";
    public const string Compliance = "compliance-demo-key";
    public const string Admin = "admin-demo-key";

    /// <param name="time">A clock to share (a restarted service keeps the test's time).</param>
    /// <param name="venue">A paper exchange to share (a restarted service finds its orders where they were).</param>
    public FillmoreFactory(string? dataDir = null, string executionV2 = "on", bool kestrel = false, FakeTimeProvider? time = null,
        SimulatedVenue? venue = null)
    {
        Time = time ?? new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero));
        // Registered as instances: the container disposes what its factories made, and a shared venue must outlive this service.
        if (venue is not null)
            TestServices += services => services.AddSingleton(venue).AddSingleton<Core.Ports.IVenue>(venue).AddSingleton<Core.Ports.IMarketData>(venue);
        // Real Kestrel on a free loopback port, for real WebSocket and TCP clients.
        if (kestrel) UseKestrel(0);
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("fillmore-api-").FullName;
        Settings["Fillmore:Store:SqlitePath"] = Path.Combine(DataDir, "fillmore.db");
        Settings["Fillmore:ExecutionV2"] = executionV2;
    }

    public string DataDir { get; }
    public string DatabasePath => Settings["Fillmore:Store:SqlitePath"]!;
    public Dictionary<string, string?> Settings { get; } = [];
    /// <summary>Extra service overrides for one test host.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }
    public FakeTimeProvider Time { get; }
    public SimulatedVenue Venue => Services.GetRequiredService<SimulatedVenue>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);
            TestServices?.Invoke(services);
        });
    }

    /// <summary>The real server's address (kestrel: true), after the server has started.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
                .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses;
            return new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal)));
        }
    }

    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>
/// The tests' calls, on the client library: requests as the test writes them (the wire is what these tests check)
/// go out through <see cref="FillmoreClient.SendRawAsync"/>; waiting for a status reads the typed order.
/// </summary>
public static class Api
{
    /// <summary>The client library over a test client (its address and credentials).</summary>
    public static FillmoreClient AsFillmore(this HttpClient client) => new(client, new FillmoreClientOptions());

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, object order) =>
        client.AsFillmore().SendRawAsync(HttpMethod.Post, "/api/v1/orders", order);

    /// <summary>Submits an order that must be accepted (201); the order as answered.</summary>
    public static async Task<JsonElement> SubmitOkAsync(this HttpClient client, object order)
    {
        var response = await client.SubmitAsync(order);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body;
    }

    public static async Task<JsonElement> GetOrderAsync(this HttpClient client, string id) =>
        await (await client.AsFillmore().SendRawAsync(HttpMethod.Get, $"/api/v1/orders/{id}")).JsonAsync();

    /// <summary>Polls an order until it reaches <paramref name="status"/> (bounded: 10 s of real time unless <paramref name="within"/>).</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, string status, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(10));
        var fillmore = client.AsFillmore();
        var wanted = FillmoreJson.Name(Enum.Parse<OrderStatus>(status.Replace("_", ""), ignoreCase: true));
        Order order;
        do
        {
            order = await fillmore.GetOrderAsync(Guid.Parse(id));
            if (FillmoreJson.Name(order.Status) == wanted) return await client.GetOrderAsync(id);
            await Task.Delay(10);
        } while (DateTime.UtcNow < deadline);
        throw new Xunit.Sdk.XunitException($"Order {id} stayed {FillmoreJson.Name(order.Status)} instead of reaching {status}.");
    }

    /// <summary>
    /// Waits for an order at the paper exchange to fill, moving the clock a second at a time: with a displayed size,
    /// what is left after a match trades at the next quote (one a second).
    /// </summary>
    public static async Task<JsonElement> FilledAsync(this FillmoreFactory f, HttpClient client, string id)
    {
        var fillmore = client.AsFillmore();
        await Wait.UntilAsync(async () => (await fillmore.GetOrderAsync(Guid.Parse(id))).Status
            is OrderStatus.Partial or OrderStatus.Filled or OrderStatus.Pending, $"{id} works at the venue");
        for (var i = 0; i < 10 && (await fillmore.GetOrderAsync(Guid.Parse(id))).Status != OrderStatus.Filled; i++)
        {
            f.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }
        return await client.WaitForStatusAsync(id, "FILLED");
    }

    public static string Id(this JsonElement order) => order.GetProperty("id").GetString()!;
    public static string Str(this JsonElement e, string name) => e.GetProperty(name).ToString();
}
