// The administrator's routes (/api/v1/admin, admin role only): accounts and limits, the global kill
// switch, a trader's cancel-all, venue halts, the execution flag, ghosts, API keys, and the paper
// exchange's price (Development). The PUTs set a state, so repeating one is safe and they are retried;
// creating, rotating and revoking a key are sent once (a repeat would make another key, or be refused).
namespace Fillmore.Client;

public sealed class FillmoreAdmin
{
    private readonly FillmoreHttp _calls;

    internal FillmoreAdmin(FillmoreHttp calls) => _calls = calls;

    /// <summary>Funds an account, sets its limits, halts or resumes its trader; opens it when it does not
    /// exist.</summary>
    public Task<Account> UpdateAccountAsync(string traderId, AccountUpdate update, CancellationToken ct = default) =>
        _calls.ReadAsync<Account>(HttpMethod.Put, $"api/v1/admin/accounts/{Uri.EscapeDataString(traderId)}", update,
            RetryMode.Idempotent, ct);

    /// <summary>The kill switch: halts trading for everyone and cancels every open and held order (unless
    /// <paramref name="cancelOpenOrders"/> is false), or resumes trading.</summary>
    public Task<TradingHaltResult> SetTradingHaltAsync(bool halted, string? reason = null,
        bool? cancelOpenOrders = null, CancellationToken ct = default) =>
        _calls.ReadAsync<TradingHaltResult>(HttpMethod.Put, "api/v1/admin/trading-halt",
            new TradingHaltBody(halted, reason, cancelOpenOrders), RetryMode.Idempotent, ct);

    /// <summary>Cancels every open and held order of one trader without halting them.</summary>
    public Task<Page<Order>> CancelAllForTraderAsync(string traderId, string? reason = null,
        CancellationToken ct = default) =>
        _calls.ReadAsync<Page<Order>>(HttpMethod.Post,
            $"api/v1/admin/traders/{Uri.EscapeDataString(traderId)}/cancel-all"
                + new QueryString().Add("reason", reason),
            null, RetryMode.Idempotent, ct);

    public async Task<IReadOnlyList<Venue>> GetVenuesAsync(CancellationToken ct = default) =>
        (await _calls.ReadAsync<ListOf<Venue>>(HttpMethod.Get, "api/v1/admin/venues", null, RetryMode.Idempotent, ct)
            .ConfigureAwait(false)).Data;

    /// <summary>Stops sending to a venue (with a reason), or resumes it.</summary>
    public Task<Venue> SetVenueHaltAsync(string venue, bool halted, string? reason = null,
        CancellationToken ct = default) =>
        _calls.ReadAsync<Venue>(HttpMethod.Put, $"api/v1/admin/venues/{Uri.EscapeDataString(venue)}/halt",
            new TradingHaltBody(halted, reason, null), RetryMode.Idempotent, ct);

    public Task<ExecutionFlag> GetExecutionFlagAsync(CancellationToken ct = default) =>
        _calls.ReadAsync<ExecutionFlag>(HttpMethod.Get, "api/v1/admin/execution-flag", null, RetryMode.Idempotent, ct);

    /// <summary>ORDER_EXECUTION_V2_ENABLED for the next orders: "on", "off" or a percentage such as "25%".</summary>
    public Task<ExecutionFlag> SetExecutionFlagAsync(string value, CancellationToken ct = default) =>
        _calls.ReadAsync<ExecutionFlag>(HttpMethod.Put, "api/v1/admin/execution-flag", new FlagBody(value),
            RetryMode.Idempotent, ct);

    public async Task<IReadOnlyList<Ghost>> GetGhostsAsync(CancellationToken ct = default) =>
        (await _calls.ReadAsync<ListOf<Ghost>>(HttpMethod.Get, "api/v1/admin/ghosts", null, RetryMode.Idempotent, ct)
            .ConfigureAwait(false)).Data;

    /// <summary>Creates a key; the answer carries the key itself (ApiKey.Key), the only time it is shown.</summary>
    public Task<ApiKey> CreateApiKeyAsync(ApiKeyRequest request, CancellationToken ct = default) =>
        _calls.ReadAsync<ApiKey>(HttpMethod.Post, "api/v1/admin/api-keys", request, RetryMode.Once, ct);

    /// <summary>Every key made through the admin API, newest first (<paramref name="user"/>: that user's
    /// only).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListApiKeysAsync(string? user = null, CancellationToken ct = default) =>
        (await _calls.ReadAsync<ApiKeyList>(HttpMethod.Get,
            "api/v1/admin/api-keys" + new QueryString().Add("user", user), null, RetryMode.Idempotent, ct)
            .ConfigureAwait(false)).Keys;

    /// <summary>One key by its id (fmk_ and 12 hex digits).</summary>
    public Task<ApiKey> GetApiKeyAsync(string id, CancellationToken ct = default) =>
        _calls.ReadAsync<ApiKey>(HttpMethod.Get, $"api/v1/admin/api-keys/{Uri.EscapeDataString(id)}", null,
            RetryMode.Idempotent, ct);

    /// <summary>Replaces a key with a new one; the old one stops at once, or after <paramref name="graceSeconds"/>
    /// (at most a day).</summary>
    public Task<ApiKeyRotation> RotateApiKeyAsync(string id, int? graceSeconds = null,
        CancellationToken ct = default) =>
        _calls.ReadAsync<ApiKeyRotation>(HttpMethod.Post, $"api/v1/admin/api-keys/{Uri.EscapeDataString(id)}/rotate"
            + new QueryString().Add("grace_seconds", graceSeconds), null, RetryMode.Once, ct);

    /// <summary>Revokes a key on every node (within a second); <paramref name="reason"/> is recorded in the
    /// audit trail.</summary>
    public Task<ApiKey> RevokeApiKeyAsync(string id, string? reason = null, CancellationToken ct = default) =>
        _calls.ReadAsync<ApiKey>(HttpMethod.Post, $"api/v1/admin/api-keys/{Uri.EscapeDataString(id)}/revoke"
            + new QueryString().Add("reason", reason), null, RetryMode.Once, ct);

    /// <summary>Development only: moves the in-process paper exchange's price.</summary>
    public Task<Instrument> SetPriceAsync(string symbol, decimal price, CancellationToken ct = default) =>
        _calls.ReadAsync<Instrument>(HttpMethod.Post, "api/v1/admin/prices", new PriceBody(symbol, price),
            RetryMode.Idempotent, ct);

    private sealed record TradingHaltBody(bool Halted, string? Reason, bool? CancelOpenOrders);

    private sealed record FlagBody(string Value);

    private sealed record PriceBody(string Symbol, decimal Price);

    private sealed record ApiKeyList(IReadOnlyList<ApiKey> Keys);
}
