// Configuration of the connection to a paper exchange running as its own process
// (section "Fillmore:Venue"; FILLMORE_VENUE_URL sets Url).
namespace Fillmore.Venues.Remote;

public sealed class RemoteVenueOptions
{
    /// <summary>Base address of the exchange, e.g. http://127.0.0.1:5080 (its report socket is ws:// on the same
    /// host).</summary>
    public string Url { get; set; } = "";

    /// <summary>The venue's name as the engine records it on orders; keep it equal to the exchange's own
    /// (Exchange:Name, "SIM").</summary>
    public string Name { get; set; } = "SIM";

    /// <summary>Sent as X-API-Key when set; the exchange refuses requests without it (401) when it has one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>A PEM file with the CA that signed an https exchange's certificate (FILLMORE_VENUE_CA); none: the
    /// system's trusted roots.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>How long one request may take before its outcome is Unknown (or, for a query, unanswered).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to try to open a TCP connection; a refused or timed-out connect proves nothing was
    /// sent.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>First wait before re-opening a dropped report socket; doubles on every failure up to
    /// MaxReconnectDelay.</summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>WebSocket ping interval on the report socket; a peer silent for twice this long is treated as
    /// gone.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often instruments and quotes are fetched from the exchange.</summary>
    public TimeSpan QuotePollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Quotes older than this (since the last successful fetch) are not served: the risk rules then fail
    /// closed.</summary>
    public TimeSpan MaxQuoteAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Startup problems, or null when the options can be used.</summary>
    public string? Problem() =>
        !Uri.TryCreate(Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            ? $"Fillmore:Venue:Url '{Url}' is not an http(s) address; set FILLMORE_VENUE_URL to the exchange, e.g. "
                + "http://127.0.0.1:5080."
        : string.IsNullOrWhiteSpace(Name) ? "Fillmore:Venue:Name must not be empty."
        : RequestTimeout <= TimeSpan.Zero || ConnectTimeout <= TimeSpan.Zero || ReconnectDelay <= TimeSpan.Zero
            || MaxReconnectDelay < ReconnectDelay || HeartbeatInterval <= TimeSpan.Zero
            || QuotePollInterval <= TimeSpan.Zero
            || MaxQuoteAge <= TimeSpan.Zero
            ? "Fillmore:Venue timeouts and intervals must be positive (and MaxReconnectDelay at least ReconnectDelay)."
        : null;
}
