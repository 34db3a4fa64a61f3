// One FIX venue's settings, from one connection string (FILLMORE_VENUE_FIX, or a value under
// Fillmore:Venues), e.g. "host=127.0.0.1;port=5001;sender=CLIENT1;target=EXECUTOR;version=FIX.4.4;
// heartbeat=30;profile=executor". Parse refuses anything it does not understand with a message
// that names the key and shows a valid example: a wrong string fails at start-up, never later.
// The keys are listed in docs/fix.md.
namespace Fillmore.Venues.Fix;

public sealed record FixSessionSettings
{
    public required string Host { get; init; }
    public required int Port { get; init; }
    public required string SenderCompId { get; init; }
    public required string TargetCompId { get; init; }
    /// <summary>FIX.4.4 or FIX.4.2.</summary>
    public string BeginString { get; init; } = "FIX.4.4";
    /// <summary>The venue's name on orders and fills (default: the TargetCompID).</summary>
    public string? Name { get; init; }
    public TimeSpan HeartBtInt { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Every logon starts both sides' numbering at 1 (141=Y): nothing is ever resent across logons.</summary>
    public bool ResetOnLogon { get; init; }
    public FixSessionSchedule Schedule { get; init; } = FixSessionSchedule.Daily;
    public FixVenueCapabilities Capabilities { get; init; } = FixVenueCapabilities.Full;
    /// <summary>How long a request waits for the venue's first answer before its outcome is Unknown.</summary>
    public TimeSpan AnswerTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan LogonTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>First wait before connecting again; doubles on every failure up to MaxReconnectDelay.</summary>
    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Most stored messages read and resent at once when the venue asks for a resend.</summary>
    public int ResendChunk { get; init; } = 500;
    /// <summary>
    /// After a process start, how many of the venue's last messages to ask for again (PossDup copies):
    /// reports handed to the engine just before a crash may not have been recorded (docs/fix.md).
    /// </summary>
    public int ReplayOnStart { get; init; } = 200;
    /// <summary>The session runs over TLS (SslStream, TLS 1.2 or 1.3): tls=true, or tlsca/tlsname given.</summary>
    public bool Tls { get; init; }
    /// <summary>A PEM file with the CA that signed the venue's certificate; none: the system's trusted roots.</summary>
    public string? TlsCaPath { get; init; }
    /// <summary>The name the venue's certificate must carry (default: Host).</summary>
    public string? TlsServerName { get; init; }

    public string VenueName => Name ?? TargetCompId;

    /// <summary>BeginString:SenderCompID->TargetCompID, as QuickFIX names a session.</summary>
    public string SessionId => $"{BeginString}:{SenderCompId}->{TargetCompId}";

    public static FixSessionSettings Parse(string connectionString, string source = "FILLMORE_VENUE_FIX") =>
        FixConnectionString.Parse(connectionString, source);
}
