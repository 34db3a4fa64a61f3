// Sends one API call with the client's credentials, retrying it only where that is safe: reads,
// PUTs, cancels and submits that carry their client order id are repeated after a lost answer, a
// 5xx or a 429 (waiting out Retry-After); everything else is sent once. A refusal becomes a
// FillmoreApiException with the service's problem document; an unreachable service a
// FillmoreConnectionException once the attempts run out.
namespace Fillmore.Client;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

internal sealed class FillmoreHttp(HttpClient http, FillmoreClientOptions options)
{
    public FillmoreClientOptions Options => options;

    public async Task<T> ReadAsync<T>(HttpMethod method, string path, object? body, RetryMode retry,
        CancellationToken ct, string? idempotencyKey = null)
    {
        using var response = await SendAsync(method, path, body, retry, ct, idempotencyKey).ConfigureAwait(false);
        return await ParseAsync<T>(response, ct).ConfigureAwait(false);
    }

    public static async Task<T> ParseAsync<T>(HttpResponseMessage response, CancellationToken ct) =>
        await response.Content.ReadFromJsonAsync<T>(FillmoreJson.Options, ct).ConfigureAwait(false)
            ?? throw new JsonException($"The service answered {(int)response.StatusCode} with an empty body.");

    /// <summary>A successful response (the caller disposes it), after as many attempts as <paramref name="retry"/>
    /// allows.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, RetryMode retry,
        CancellationToken ct, string? idempotencyKey = null, TimeSpan extraTimeout = default,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var attempts = retry == RetryMode.Idempotent ? options.MaxRetries + 1 : 1;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(options.RequestTimeout + extraTimeout);
            HttpResponseMessage? response = null;
            try
            {
                using var request = await BuildAsync(method, path, body, idempotencyKey, ct).ConfigureAwait(false);
                response = await http.SendAsync(request, completion, timeout.Token).ConfigureAwait(false);
                if (response.IsSuccessStatusCode) return response;
                var error = await ErrorAsync(response, ct).ConfigureAwait(false);
                var delay = Retryable(response.StatusCode) && attempt < attempts
                    ? Delay(attempt, error.RetryAfter) : null;
                wait = delay ?? throw error;
            }
            catch (Exception ex) when (IsTransport(ex, ct))
            {
                if (attempt >= attempts)
                {
                    throw new FillmoreConnectionException(
                        $"{method} {path} failed after {attempt} attempt(s): {ex.Message}", attempt, ex)
                    {
                        ClientOrderId = idempotencyKey,
                    };
                }
                wait = Delay(attempt, null) ?? options.MaxRetryDelay;
            }
            finally
            {
                if (response is { IsSuccessStatusCode: false }) response.Dispose();
            }
            await Task.Delay(wait, options.TimeProvider, ct).ConfigureAwait(false);
        }
    }

    private async Task<HttpRequestMessage> BuildAsync(HttpMethod method, string path, object? body,
        string? idempotencyKey, CancellationToken ct)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: FillmoreJson.Options);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        foreach (var (name, value) in await HeadersAsync(ct).ConfigureAwait(false))
        {
            if (name == "Authorization") request.Headers.Authorization = AuthenticationHeaderValue.Parse(value);
            else request.Headers.Add(name, value);
        }
        return request;
    }

    /// <summary>The credential headers (also for the WebSocket upgrade).</summary>
    public async ValueTask<IReadOnlyList<(string Name, string Value)>> HeadersAsync(CancellationToken ct)
    {
        if (options.TokenProvider is { } provider)
            return [("Authorization", "Bearer " + await provider(ct).ConfigureAwait(false))];
        if (options.BearerToken is { } token) return [("Authorization", "Bearer " + token)];
        if (options.ApiKey is { } key) return [("X-API-Key", key)];
        return [];
    }

    // 429: nothing was done; 500/502/503/504: perhaps done, so only calls that are safe to repeat get here.
    private static bool Retryable(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests
        or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
        or HttpStatusCode.GatewayTimeout;

    private static bool IsTransport(Exception ex, CancellationToken ct) => !ct.IsCancellationRequested
        && ex is HttpRequestException or IOException or TaskCanceledException;

    private TimeSpan? Delay(int attempt, TimeSpan? retryAfter)
    {
        if (retryAfter is { } after) return after <= options.MaxRetryAfter ? after : null;
        var backoff = options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(backoff, options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.8 + 0.4 * Random.Shared.NextDouble()));
    }

    public static async Task<FillmoreApiException> ErrorAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        Problem? problem = null;
        try { problem = JsonSerializer.Deserialize<Problem>(text, FillmoreJson.Options); }
        catch (JsonException) { }
        var status = (int)response.StatusCode;
        if (problem is null || string.IsNullOrEmpty(problem.Code))
        {
            problem = new Problem
            {
                Status = status, Code = $"HTTP_{status}", Title = response.ReasonPhrase ?? "",
                Detail = text.Length > 500 ? text[..500] : text,
            };
        }
        var headers = response.Headers.RetryAfter;
        var retryAfter = headers?.Delta ?? (headers?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        return new FillmoreApiException(problem, retryAfter);
    }
}
