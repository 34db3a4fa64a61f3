// The client of Fillmore's HTTP API (docs/api.md) and order event stream (docs/streaming.md).
// Every call takes a CancellationToken; a refusal is a FillmoreApiException carrying the problem's
// code, per-field errors and suggestion. Submits are idempotent: each carries a client order id
// (yours, or one generated once per call) on every attempt, so a lost answer is retried without
// ever creating a second order. Calls that are not safe to repeat (amend, retry, acknowledge) are
// sent once. Thread-safe: share one instance per service and credential.
namespace Fillmore.Client;

using System.Net;
using System.Runtime.CompilerServices;

public sealed class FillmoreClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly FillmoreHttp _calls;

    /// <summary>A client with its own connection pool.</summary>
    public FillmoreClient(FillmoreClientOptions options)
        : this(new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }),
            options, ownsHttp: true)
    {
    }

    /// <summary>A client over your HttpClient (its BaseAddress, if set, wins over options.BaseAddress; it is not
    /// disposed with this client). The event stream connects to options.BaseAddress.</summary>
    public FillmoreClient(HttpClient http, FillmoreClientOptions options) : this(http, options, ownsHttp: false)
    {
    }

    private FillmoreClient(HttpClient http, FillmoreClientOptions options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _ownsHttp = ownsHttp;
        // Relative paths resolve under the base address only when it ends with a slash.
        if (_http.BaseAddress is null) _http.BaseAddress = WithSlash(options.BaseAddress);
        else options.BaseAddress = _http.BaseAddress;
        if (ownsHttp) _http.Timeout = Timeout.InfiniteTimeSpan;   // each attempt has RequestTimeout instead
        _calls = new FillmoreHttp(_http, options);
        Admin = new FillmoreAdmin(_calls);
    }

    /// <summary>A client of the service at <paramref name="baseAddress"/> with an API key.</summary>
    public static FillmoreClient WithApiKey(string baseAddress, string apiKey) =>
        new(new FillmoreClientOptions { BaseAddress = new Uri(baseAddress), ApiKey = apiKey });

    public FillmoreClientOptions Options => _calls.Options;

    /// <summary>The administrator's routes (/api/v1/admin): accounts, halts, venues, the execution flag.</summary>
    public FillmoreAdmin Admin { get; }

    // ---- Orders

    /// <summary>Submits an order. Without a ClientOrderId one is generated now and sent with every attempt; a lost
    /// answer, a 5xx or a 429 is retried with it, and the service answers the original order instead of a second
    /// one (Replayed). A 422 refusal throws with Problem.OrderId = the stored DENIED order.</summary>
    public async Task<SubmitResult> SubmitOrderAsync(OrderRequest order, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        var request = order.ClientOrderId is null
            ? order with { ClientOrderId = Options.ClientOrderIdGenerator() }
            : order;
        using var activity = ClientTelemetry.Source.StartActivity("fillmore.client.submit");
        activity?.SetTag("fillmore.client_order_id", request.ClientOrderId);
        activity?.SetTag("fillmore.symbol", request.Symbol);
        try
        {
            using var response = await _calls.SendAsync(HttpMethod.Post, "api/v1/orders", request,
                RetryMode.Idempotent, ct, idempotencyKey: request.ClientOrderId).ConfigureAwait(false);
            var placed = await FillmoreHttp.ParseAsync<Order>(response, ct).ConfigureAwait(false);
            activity?.SetTag("fillmore.order_id", placed.Id);
            return new SubmitResult(placed, response.StatusCode == HttpStatusCode.OK);
        }
        catch (FillmoreApiException ex)
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.Code);
            throw;
        }
    }

    /// <summary>The order with its fills and, for a first order with exits, its legs.</summary>
    public Task<Order> GetOrderAsync(Guid id, CancellationToken ct = default) =>
        _calls.ReadAsync<Order>(HttpMethod.Get, $"api/v1/orders/{id}", null, RetryMode.Idempotent, ct);

    /// <summary>A page of orders, newest first.</summary>
    public Task<Page<Order>> ListOrdersAsync(OrderQuery? query = null, CancellationToken ct = default)
    {
        query ??= new OrderQuery();
        var path = "api/v1/orders" + new QueryString()
            .Add("status", query.Status is { } s ? FillmoreJson.Name(s) : null).Add("symbol", query.Symbol)
            .Add("limit", query.Limit).Add("offset", query.Offset).Add("trader_id", query.TraderId);
        return _calls.ReadAsync<Page<Order>>(HttpMethod.Get, path, null, RetryMode.Idempotent, ct);
    }

    /// <summary>Every order matching the filters, page after page (Limit is the page size).</summary>
    public async IAsyncEnumerable<Order> ListAllOrdersAsync(OrderQuery? query = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        query ??= new OrderQuery();
        var offset = query.Offset ?? 0;
        while (true)
        {
            var page = await ListOrdersAsync(query with { Offset = offset, Limit = query.Limit ?? 100 }, ct)
                .ConfigureAwait(false);
            foreach (var order in page.Data) yield return order;
            if (!page.HasMore || page.Data.Count == 0) yield break;
            offset += page.Data.Count;
        }
    }

    /// <summary>Changes a held or working order's quantity, prices or trail. Sent once: an amend whose answer was lost
    /// is for you to check (GetOrderAsync) before sending another.</summary>
    public async Task<AmendResult> AmendOrderAsync(Guid id, AmendRequest amend, CancellationToken ct = default)
    {
        using var response = await _calls.SendAsync(HttpMethod.Patch, $"api/v1/orders/{id}", amend, RetryMode.Once, ct)
            .ConfigureAwait(false);
        var order = await FillmoreHttp.ParseAsync<Order>(response, ct).ConfigureAwait(false);
        return new AmendResult(order, response.StatusCode == HttpStatusCode.Accepted);
    }

    /// <summary>Cancels an order: CANCELLED at once when Fillmore held it, else PENDING_CANCEL until the venue
    /// confirms (order.cancelled on the stream). Safe to repeat.</summary>
    public Task<Order> CancelOrderAsync(Guid id, CancellationToken ct = default) =>
        _calls.ReadAsync<Order>(HttpMethod.Post, $"api/v1/orders/{id}/cancel", null, RetryMode.Idempotent, ct);

    /// <summary>Cancels every open and held order (of one symbol when given); answers the orders it touched.</summary>
    public Task<Page<Order>> CancelAllOrdersAsync(string? symbol = null, CancellationToken ct = default) =>
        _calls.ReadAsync<Page<Order>>(HttpMethod.Delete, "api/v1/orders" + new QueryString().Add("symbol", symbol),
            null, RetryMode.Idempotent, ct);

    /// <summary>Re-sends a FAILED order under its id (the venue is asked first). Sent once.</summary>
    public async Task<RetryResult> RetryOrderAsync(Guid id, CancellationToken ct = default)
    {
        using var response = await _calls.SendAsync(HttpMethod.Post, $"api/v1/orders/{id}/retry", null,
            RetryMode.Once, ct).ConfigureAwait(false);
        var order = await FillmoreHttp.ParseAsync<Order>(response, ct).ConfigureAwait(false);
        return new RetryResult(order, response.StatusCode == HttpStatusCode.Accepted);
    }

    /// <summary>Closes out a FAILED order: it stays FAILED and can no longer be retried. Sent once.</summary>
    public Task<Order> AcknowledgeOrderAsync(Guid id, CancellationToken ct = default) =>
        _calls.ReadAsync<Order>(HttpMethod.Post, $"api/v1/orders/{id}/acknowledge", null, RetryMode.Once, ct);

    /// <summary>The order's audit entries, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> GetOrderAuditAsync(Guid id, CancellationToken ct = default) =>
        (await _calls.ReadAsync<AuditPage>(HttpMethod.Get, $"api/v1/orders/{id}/audit", null, RetryMode.Idempotent, ct)
            .ConfigureAwait(false)).Data;

    // ---- Account, instruments

    /// <summary>Your account (compliance: <paramref name="traderId"/>'s).</summary>
    public Task<Account> GetAccountAsync(string? traderId = null, CancellationToken ct = default) =>
        _calls.ReadAsync<Account>(HttpMethod.Get, "api/v1/account" + new QueryString().Add("trader_id", traderId), null,
            RetryMode.Idempotent, ct);

    public async Task<IReadOnlyList<Instrument>> GetInstrumentsAsync(CancellationToken ct = default) =>
        (await _calls.ReadAsync<ListOf<Instrument>>(HttpMethod.Get, "api/v1/instruments", null, RetryMode.Idempotent,
            ct).ConfigureAwait(false)).Data;

    /// <summary>The venues an order may name, what each takes and charges, and the default (GET
    /// /api/v1/venues).</summary>
    public Task<VenueList> ListVenuesAsync(CancellationToken ct = default) =>
        _calls.ReadAsync<VenueList>(HttpMethod.Get, "api/v1/venues", null, RetryMode.Idempotent, ct);

    /// <summary>How the order's venue was chosen: the SMART router's rationale, or that the order named it.</summary>
    public Task<Routing> GetRoutingAsync(Guid id, CancellationToken ct = default) =>
        _calls.ReadAsync<Routing>(HttpMethod.Get, $"api/v1/orders/{id}/routing", null, RetryMode.Idempotent, ct);

    // ---- Audit, reports, metrics

    public Task<AuditPage> GetAuditPageAsync(AuditQuery? query = null, CancellationToken ct = default)
    {
        query ??= new AuditQuery();
        var path = "api/v1/audit" + new QueryString().Add("trader_id", query.TraderId).Add("symbol", query.Symbol)
            .Add("order_id", query.OrderId?.ToString()).Add("action", query.Action).Add("from", query.From)
            .Add("to", query.To).Add("cursor", query.Cursor).Add("limit", query.Limit);
        return _calls.ReadAsync<AuditPage>(HttpMethod.Get, path, null, RetryMode.Idempotent, ct);
    }

    /// <summary>Every entry matching the filters, in chain order, page after page.</summary>
    public async IAsyncEnumerable<AuditEntry> ReadAuditAsync(AuditQuery? query = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        query ??= new AuditQuery();
        while (true)
        {
            var page = await GetAuditPageAsync(query, ct).ConfigureAwait(false);
            foreach (var entry in page.Data) yield return entry;
            if (page.NextCursor is not { } next) yield break;
            query = query with { Cursor = next };
        }
    }

    /// <summary>Recomputes the whole chain on the service (compliance).</summary>
    public Task<AuditVerification> VerifyAuditAsync(CancellationToken ct = default) =>
        _calls.ReadAsync<AuditVerification>(HttpMethod.Get, "api/v1/audit/verify", null, RetryMode.Idempotent, ct);

    /// <summary>Downloads the execution report into <paramref name="destination"/>, reporting progress as it
    /// arrives.</summary>
    public async Task<ReportDownload> DownloadExecutionReportAsync(ReportRequest report, Stream destination,
        IProgress<TransferProgress>? progress = null, CancellationToken ct = default)
    {
        var path = "api/v1/reports/executions" + new QueryString().Add("from", report.From).Add("to", report.To)
            .Add("format", report.Format == ReportFormat.Pdf ? "pdf" : "csv").Add("trader_id", report.TraderId);
        using var response = await _calls.SendAsync(HttpMethod.Get, path, null, RetryMode.Idempotent, ct,
            completion: HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        var total = response.Content.Headers.ContentLength;
        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[64 * 1024];
        long bytes = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            await destination.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            bytes += read;
            progress?.Report(new TransferProgress(bytes, total));
        }
        var name = response.Content.Headers.ContentDisposition?.FileNameStar
            ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
            ?? $"executions.{(report.Format == ReportFormat.Pdf ? "pdf" : "csv")}";
        return new ReportDownload(name, response.Content.Headers.ContentType?.MediaType ?? "", bytes);
    }

    /// <summary>The success criteria measured from the store (compliance).</summary>
    public Task<MetricsSummary> GetMetricsSummaryAsync(DateTimeOffset? from = null, DateTimeOffset? to = null,
        CancellationToken ct = default) =>
        _calls.ReadAsync<MetricsSummary>(HttpMethod.Get,
            "api/v1/metrics/summary" + new QueryString().Add("from", from).Add("to", to), null,
            RetryMode.Idempotent, ct);

    /// <summary>The service's Prometheus exposition (GET /metrics, no credentials needed): one sample a line.</summary>
    public async Task<string> GetPrometheusTextAsync(CancellationToken ct = default)
    {
        using var response = await _calls.SendAsync(HttpMethod.Get, "metrics", null, RetryMode.Idempotent, ct)
            .ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    // ---- Events

    /// <summary>One poll of GET /api/v1/events: events after <paramref name="after"/>, waiting up to
    /// <paramref name="wait"/> for one.</summary>
    public async Task<EventPage> PollEventsAsync(long after, int? limit = null, TimeSpan? wait = null,
        string? traderId = null, CancellationToken ct = default)
    {
        var path = "api/v1/events" + new QueryString().Add("after", after).Add("limit", limit)
            .Add("wait", wait is { } w ? (long)w.TotalSeconds : null).Add("trader_id", traderId);
        using var response = await _calls.SendAsync(HttpMethod.Get, path, null, RetryMode.Idempotent, ct,
            extraTimeout: wait ?? TimeSpan.Zero).ConfigureAwait(false);
        return await FillmoreHttp.ParseAsync<EventPage>(response, ct).ConfigureAwait(false);
    }

    /// <summary>Your order events, live, for as long as you read them (until <paramref name="ct"/> is cancelled).
    /// A drop (network, server restart, too slow) is resumed with since = the last seq yielded: no event is
    /// missed and none is yielded twice. Pass options.Since (your last processed seq) to resume across restarts of
    /// your program.</summary>
    public async IAsyncEnumerable<OrderEvent> StreamEventsAsync(EventStreamOptions? options = null,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var reader = new ResumingEventReader(_calls, options ?? new EventStreamOptions());
        while (true) yield return await reader.NextAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A raw WebSocket connection to the stream with this client's credentials (frames as text).</summary>
    public async Task<OrderEventSocket> ConnectEventSocketAsync(string query = "", CancellationToken ct = default) =>
        await OrderEventSocket.ConnectAsync(Options.BaseAddress, await _calls.HeadersAsync(ct).ConfigureAwait(false),
            query, ct).ConfigureAwait(false);

    /// <summary>One request exactly as given, with this client's credentials: sent once, its answer returned
    /// whatever its status (nothing thrown, nothing retried). For tools that look at the wire itself; a string body
    /// is sent as it is (JSON text), any other object serialized as it stands (names unchanged, nulls kept).</summary>
    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body = null,
        CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Content = body switch
        {
            null => null,
            string json => new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
            _ => System.Net.Http.Json.JsonContent.Create(body, body.GetType(),
                options: System.Text.Json.JsonSerializerOptions.Web),
        };
        foreach (var (name, value) in await _calls.HeadersAsync(ct).ConfigureAwait(false))
            request.Headers.TryAddWithoutValidation(name, value);
        return await _http.SendAsync(request, ct).ConfigureAwait(false);
    }

    // ---- Health

    public Task<Health> GetHealthAsync(CancellationToken ct = default) =>
        _calls.ReadAsync<Health>(HttpMethod.Get, "api/v1/health", null, RetryMode.Idempotent, ct);

    /// <summary>True once start-up recovery has reconciled open orders (GET /health/ready answers 200).</summary>
    public async Task<bool> IsReadyAsync(CancellationToken ct = default)
    {
        try
        {
            using var response = await _http.GetAsync("health/ready", ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Uri WithSlash(Uri uri) =>
        uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }
}
