// How a FillmoreClient reaches the service and how hard it tries. Credentials: an API key (X-API-Key)
// or a JWT (Authorization: Bearer), fixed or from a provider that can refresh it.
namespace Fillmore.Client;

public sealed class FillmoreClientOptions
{
    /// <summary>The service, e.g. http://127.0.0.1:5080 (the quick start).</summary>
    public Uri BaseAddress { get; set; } = new("http://127.0.0.1:5080");
    public string? ApiKey { get; set; }
    /// <summary>A JWT sent as Authorization: Bearer.</summary>
    public string? BearerToken { get; set; }
    /// <summary>Asked for a JWT before every request and every stream connection (wins over BearerToken).</summary>
    public Func<CancellationToken, ValueTask<string>>? TokenProvider { get; set; }
    /// <summary>Retries after the first attempt, for calls it is safe to repeat (default 4).</summary>
    public int MaxRetries { get; set; } = 4;
    /// <summary>The first backoff; each next one doubles, up to MaxRetryDelay, with ±20 % jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(5);
    /// <summary>The longest Retry-After (429) this client waits out; a longer one is handed to you as the
    /// error.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>One attempt's time limit (a long-poll adds its wait to it).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>Makes the client order id a submit gets when it has none (default: "fm-" and 32 hex digits).</summary>
    public Func<string> ClientOrderIdGenerator { get; set; } = () => "fm-" + Guid.NewGuid().ToString("N");
    /// <summary>Checks the service's certificate on the event stream (wss) when it is not one the system trusts
    /// (scripts/dev-cert's CA); give your HttpClient the same check for the HTTP calls.</summary>
    public System.Net.Security.RemoteCertificateValidationCallback? StreamCertificateValidation { get; set; }
    /// <summary>The clock backoffs wait on (a test can pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
