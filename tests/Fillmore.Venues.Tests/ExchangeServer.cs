// The real paper exchange (Fillmore.Exchange) running in this test process on a free loopback
// port with real Kestrel, plus the admin calls the tests use. Bounded: every wait here ends.
namespace Fillmore.Venues.Tests;

using System.Net.Http.Json;
using Fillmore.Exchange;
using Fillmore.Venues.Remote.Wire;
using Microsoft.AspNetCore.Builder;

public sealed class ExchangeServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private ExchangeServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
        Admin = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10) };
    }

    public string Url { get; }

    public HttpClient Admin { get; }

    /// <summary>Starts an exchange; settings are "Key=Value" pairs under Exchange (e.g. "Seed=7", "ApiKey=k").</summary>
    public static Task<ExchangeServer> StartAsync(params string[] settings) => StartOnAsync(0, settings);

    /// <summary>Starts an exchange on a given loopback port (0: any free one).</summary>
    public static async Task<ExchangeServer> StartOnAsync(int port, params string[] settings)
    {
        var args = new List<string> { "--urls", $"http://127.0.0.1:{port}" };
        foreach (var setting in settings) args.Add($"--Exchange:{setting}");
        var app = ExchangeHost.Build([.. args]);
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var server = new ExchangeServer(app, app.Urls.Single());
        if (settings.FirstOrDefault(s => s.StartsWith("ApiKey=", StringComparison.Ordinal)) is { } key)
            server.Admin.DefaultRequestHeaders.Add("X-API-Key", key["ApiKey=".Length..]);
        return server;
    }

    public async Task SetFaultsAsync(object faults) =>
        (await Admin.PostAsJsonAsync("/v1/admin/faults", faults, WireJson.Options)).EnsureSuccessStatusCode();

    public async Task SetPriceAsync(string symbol, decimal price) =>
        (await Admin.PostAsJsonAsync("/v1/admin/prices", new WirePrice(symbol, price), WireJson.Options)).EnsureSuccessStatusCode();

    public async Task<int> DisconnectReportsAsync()
    {
        var response = await Admin.PostAsync("/v1/admin/disconnect", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("dropped").GetInt32();
    }

    /// <summary>Stops the exchange (its port then refuses connections).</summary>
    public async Task StopAsync()
    {
        if (_stopped) return;
        _stopped = true;
        await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
        Admin.Dispose();
    }
}
