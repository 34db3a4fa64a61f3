// The paper exchange (Fillmore.Exchange) as a venue over the network, so that several Fillmore
// nodes trade against ONE exchange and any node can ask it about another node's orders.
// Requests go over HTTP and every answer or failure is classified by HttpOutcomes: nothing
// thrown by the transport reaches the engine (only the caller's own cancellation). Reports come
// over a WebSocket that re-opens itself (ReportStream) and raise Reconnected on every session.
// Market data is served from memory (MarketDataCache): never blocks, fails closed.
// Background work starts in the constructor, so registering the singleton is enough;
// WaitUntilReadyAsync lets a host hold back until the first fetch and the first session tried.
namespace Fillmore.Venues.Remote;

using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Channels;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Remote.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

public sealed class RemoteVenue : IVenue, IMarketData, IVenueHealth, IAsyncDisposable
{
    public const string ApiKeyHeader = "X-API-Key";

    private readonly RemoteVenueOptions _options;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly ReportStream _stream;
    private readonly MarketDataCache _market;
    private readonly ContactRecorder _contact;
    private int _disposed;

    public RemoteVenue(RemoteVenueOptions options, TimeProvider time, ILoggerFactory? logs = null)
    {
        if (options.Problem() is { } problem) throw new ArgumentException(problem, nameof(options));
        _options = options;
        _time = time;
        logs ??= NullLoggerFactory.Instance;
        var baseAddress = new Uri(options.Url.TrimEnd('/') + "/");
        _contact = new ContactRecorder(time);
        _http = CreateClient(baseAddress, options, _contact);
        _market = new MarketDataCache(_http, options, time, logs.CreateLogger<MarketDataCache>());
        _stream = new ReportStream(ReportEndpoint(baseAddress), options, time, logs.CreateLogger<ReportStream>(),
            () => Reconnected?.Invoke(this, EventArgs.Empty));
    }

    public string Name => _options.Name;

    public ChannelReader<ExecutionReport> Reports => _stream.Reader;

    /// <summary>Raised on every report session opened, the first included (see ReportStream): reconcile.</summary>
    public event EventHandler? Reconnected;

    /// <summary>Whether a report session is open right now.</summary>
    public bool ReportsConnected => _stream.IsOpen;

    /// <summary>How many report sessions have been opened since start.</summary>
    public int ReportSessions => _stream.Sessions;

    /// <summary>
    /// Reachable: the exchange answered the latest HTTP request, within MaxQuoteAge (its quote polls keep this
    /// fresh, so a silent exchange turns unreachable too). Connected: the report socket is open.
    /// </summary>
    public VenueHealthReport Health
    {
        get
        {
            var answered = _contact.LastAnswerAt;
            var failure = _contact.Failure;
            var reachable = failure is null && answered is { } at && _time.GetUtcNow() - at <= _options.MaxQuoteAge;
            // Plain words only: /api/v1/health is anonymous, so no address goes out.
            var detail = failure is not null ? $"The exchange cannot be reached ({failure})."
                : !reachable ? $"The exchange has not answered since {answered?.ToString("O") ?? "start"}."
                : !_stream.IsOpen ? "The report stream is down; reconnecting." : null;
            return new VenueHealthReport("exchange", reachable, _stream.IsOpen, _stream.LastReportAt, answered, detail);
        }
    }

    /// <summary>The instruments last fetched from the exchange (empty until the first fetch succeeds).</summary>
    public IReadOnlyList<Instrument> Instruments => _market.Instruments;

    /// <summary>
    /// Waits (at most RequestTimeout) until market data was fetched once and the report socket tried once;
    /// false if that took too long. Either way the venue works: it fails closed until data arrives.
    /// </summary>
    public async Task<bool> WaitUntilReadyAsync(CancellationToken ct = default)
    {
        try
        {
            await Task.WhenAll(_market.FirstAttempt, _stream.FirstAttempt).WaitAsync(_options.RequestTimeout, _time, ct)
                .ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Fetches instruments and quotes now instead of at the next poll.</summary>
    public Task RefreshMarketDataAsync() => _market.RefreshAsync();

    public ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/orders", WireMapping.ToWire(order), ct);

    /// <summary>The paper exchange holds stops itself and replaces in place.</summary>
    public VenueCapabilities Capabilities => VenueCapabilities.All;

    public ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Put, $"v1/orders/{order.Id}", WireMapping.ToWireReplace(order, terms), ct);

    public ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"v1/orders/{id}", new WireCancel(id.Value), ct);

    public async ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default)
    {
        using var deadline = new Deadline(_options.RequestTimeout, _time, ct);
        try
        {
            using var response = await _http.GetAsync($"v1/orders/{id}", deadline.Token).ConfigureAwait(false);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
                return await HttpOutcomes.ReadAsync<WireError>(response, deadline.Token)
                    .ConfigureAwait(false) is { Code: WireError.OrderNotFound }
                    ? new VenueQuery.NotFound()
                    : new VenueQuery.Unknown("404 without ORDER_NOT_FOUND: "
                        + "not the exchange's answer (check Fillmore:Venue:Url)");
            if (!response.IsSuccessStatusCode)
                return new VenueQuery.Unknown($"{(int)response.StatusCode} {response.ReasonPhrase}");
            var state = await ReadRequiredAsync<WireOrderState>(response, deadline.Token).ConfigureAwait(false);
            return new VenueQuery.Found(WireMapping.ToCore(state, Name));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception ex)
        {
            return new VenueQuery.Unknown(HttpOutcomes.FromFailure(ex, deadline.Expired) switch
            {
                VenueOutcome.Retryable r => r.Reason,
                VenueOutcome.Unknown u => u.Reason,
                _ => ex.Message,
            });
        }
    }

    public async ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default)
    {
        using var deadline = new Deadline(_options.RequestTimeout, _time, ct);
        try
        {
            using var response = await _http.GetAsync("v1/orders?status=open", deadline.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) return null;
            var open = await ReadRequiredAsync<List<WireOrderState>>(response, deadline.Token).ConfigureAwait(false);
            return open.Select(s => WireMapping.ToCore(s, Name)).ToList();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception)
        {
            return null;   // unreachable, timed out or unreadable: it cannot say
        }
    }

    public Instrument? FindInstrument(Symbol symbol) => _market.Find(symbol);

    public bool TryGetQuote(Symbol symbol, out Quote quote) => _market.TryGetQuote(symbol, out quote);

    private async ValueTask<VenueOutcome> SendAsync<T>(HttpMethod method, string path, T body, CancellationToken ct)
    {
        using var deadline = new Deadline(_options.RequestTimeout, _time, ct);
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonBody(body) };
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead,
                deadline.Token).ConfigureAwait(false);
            return await HttpOutcomes.FromResponseAsync(response, _time.GetUtcNow(), deadline.Token)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception ex)
        {
            return HttpOutcomes.FromFailure(ex, deadline.Expired);
        }
    }

    // Serialised up front: a known Content-Length, and a body on every call (see WireCancel).
    private static ByteArrayContent JsonBody<T>(T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, WireJson.Options));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return content;
    }

    private static async Task<T> ReadRequiredAsync<T>(HttpResponseMessage response,
        CancellationToken ct) where T : class =>
        JsonSerializer.Deserialize<T>(await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false),
            WireJson.Options)
            ?? throw new JsonException("empty answer");

    private static HttpClient CreateClient(Uri baseAddress, RemoteVenueOptions options, ContactRecorder contact)
    {
        contact.InnerHandler = new SocketsHttpHandler
        {
            ConnectTimeout = options.ConnectTimeout,
            // Shorter than Kestrel's keep-alive (130 s): the client retires idle connections before the server closes
            // them under a request.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            AllowAutoRedirect = false,   // a redirect is not an answer; it would be classified as Unknown
            SslOptions = { EnabledSslProtocols = TlsTrust.Protocols,
                RemoteCertificateValidationCallback = TlsTrust.For(options.CaCertificate) },
        };
        var http = new HttpClient(contact) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (!string.IsNullOrEmpty(options.ApiKey)) http.DefaultRequestHeaders.Add(ApiKeyHeader, options.ApiKey);
        return http;
    }

    private static Uri ReportEndpoint(Uri baseAddress) =>
        new UriBuilder(new Uri(baseAddress, "v1/reports")) { Scheme = baseAddress.Scheme == "https" ? "wss"
            : "ws" }.Uri;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stream.DisposeAsync().ConfigureAwait(false);
        _market.Dispose();
        _http.Dispose();
    }
}
