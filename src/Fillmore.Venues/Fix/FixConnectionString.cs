// Parses a FIX venue's connection string (FixSessionSettings.Parse): key=value pairs separated by
// ';', keys case-insensitive. Every problem throws a FormatException naming the key, what is
// wrong and a valid example, so that the host refuses to start with a clear message.
namespace Fillmore.Venues.Fix;

using System.Globalization;
using Fillmore.Core.Orders;

internal static class FixConnectionString
{
    public const string Example =
        "host=127.0.0.1;port=5001;sender=CLIENT1;target=EXECUTOR;version=FIX.4.4;heartbeat=30;profile=executor";

    private static readonly string[] Keys =
    [
        "host", "port", "sender", "target", "version", "heartbeat", "name", "resetonlogon", "start", "end", "schedule",
        "profile", "types", "tif", "cancel", "replace", "status", "timeout", "connecttimeout", "logontimeout",
        "reconnect", "maxreconnect", "resendchunk", "replayonstart", "book", "tls", "tlsca", "tlsname",
    ];

    public static FixSessionSettings Parse(string text, string source)
    {
        var values = Split(text, source);
        string Need(string key) => values.TryGetValue(key, out var v) ? v
            : throw Problem(source, $"'{key}' is missing");
        var settings = new FixSessionSettings
        {
            Host = Need("host"),
            Port = Int(values, "port", source, 1, 65535, 0) is var p and > 0 ? p
                : throw Problem(source, "'port' is missing"),
            SenderCompId = CompId(Need("sender"), "sender", source),
            TargetCompId = CompId(Need("target"), "target", source),
            BeginString = Version(values.GetValueOrDefault("version", "FIX.4.4"), source),
            Name = values.TryGetValue("name", out var name) ? CompId(name, "name", source) : null,
            HeartBtInt = TimeSpan.FromSeconds(Int(values, "heartbeat", source, 1, 3600, 30)),
            ResetOnLogon = Flag(values, "resetonlogon", source, false),
            Schedule = Schedule(values, source),
            Capabilities = Capabilities(values, source),
            AnswerTimeout = Seconds(values, "timeout", source, 5),
            ConnectTimeout = Seconds(values, "connecttimeout", source, 5),
            LogonTimeout = Seconds(values, "logontimeout", source, 10),
            ReconnectDelay = Seconds(values, "reconnect", source, 1),
            MaxReconnectDelay = Seconds(values, "maxreconnect", source, 30),
            ResendChunk = Int(values, "resendchunk", source, 1, 100_000, 500),
            ReplayOnStart = Int(values, "replayonstart", source, 0, 1_000_000, 200),
            Tls = Flag(values, "tls", source, false) || values.ContainsKey("tlsca") || values.ContainsKey("tlsname"),
            TlsCaPath = values.GetValueOrDefault("tlsca"),
            TlsServerName = values.GetValueOrDefault("tlsname"),
        };
        if (settings.TlsCaPath is { } ca && !File.Exists(ca))
            throw Problem(source, $"'tlsca={ca}' names no file; give the PEM file of the venue's CA");
        return settings.MaxReconnectDelay < settings.ReconnectDelay
            ? throw Problem(source, "'maxreconnect' must be at least 'reconnect'") : settings;
    }

    private static Dictionary<string, string> Split(string text, string source)
    {
        if (string.IsNullOrWhiteSpace(text)) throw Problem(source, "it is empty");
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == part.Length - 1) throw Problem(source, $"'{part}' is not key=value");
            var key = part[..equals].Trim().ToLowerInvariant();
            if (!Keys.Contains(key))
                throw Problem(source, $"'{key}' is not a known key (known: {string.Join(", ", Keys)})");
            if (!values.TryAdd(key, part[(equals + 1)..].Trim())) throw Problem(source, $"'{key}' is given twice");
        }
        return values;
    }

    private static string CompId(string value, string key, string source) =>
        value.Length is > 0 and <= 64 && value.All(c => c is > ' ' and < (char)0x7F and not '=' and not ';')
            ? value : throw Problem(source, $"'{key}={value}' must be printable ASCII without spaces");

    private static string Version(string value, string source) => value.ToUpperInvariant() switch
    {
        "FIX.4.4" or "4.4" or "FIX44" => "FIX.4.4",
        "FIX.4.2" or "4.2" or "FIX42" => "FIX.4.2",
        _ => throw Problem(source, $"'version={value}' is not supported; use FIX.4.4 or FIX.4.2"),
    };

    private static int Int(Dictionary<string, string> values, string key, string source, int min, int max, int fallback)
    {
        if (!values.TryGetValue(key, out var text)) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value : throw Problem(source, $"'{key}={text}' must be a whole number from {min} to {max}");
    }

    private static TimeSpan Seconds(Dictionary<string, string> values, string key, string source, double fallback)
    {
        if (!values.TryGetValue(key, out var text)) return TimeSpan.FromSeconds(fallback);
        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var s)
            && s is > 0 and <= 3600
            ? TimeSpan.FromSeconds(s)
            : throw Problem(source, $"'{key}={text}' must be a number of seconds above 0 (e.g. 0.5)");
    }

    private static bool Flag(Dictionary<string, string> values, string key, string source, bool fallback) =>
        !values.TryGetValue(key, out var text) ? fallback
        : text.ToUpperInvariant() switch
        {
            "Y" or "YES" or "TRUE" or "1" => true,
            "N" or "NO" or "FALSE" or "0" => false,
            _ => throw Problem(source, $"'{key}={text}' must be y or n"),
        };

    private static FixSessionSchedule Schedule(Dictionary<string, string> values, string source)
    {
        if (values.TryGetValue("schedule", out var kind))
        {
            if (values.ContainsKey("start") || values.ContainsKey("end"))
                throw Problem(source, "give 'schedule' or 'start'/'end', not both");
            return kind.ToLowerInvariant() switch
            {
                "none" or "continuous" => FixSessionSchedule.Continuous,
                "daily" => FixSessionSchedule.Daily,
                _ => throw Problem(source, $"'schedule={kind}' must be daily or none"),
            };
        }
        var start = Time(values, "start", source);
        var end = Time(values, "end", source);
        return new FixSessionSchedule(start ?? end ?? TimeOnly.MinValue, end ?? start ?? TimeOnly.MinValue);
    }

    private static TimeOnly? Time(Dictionary<string, string> values, string key, string source) =>
        !values.TryGetValue(key, out var text) ? null
        : TimeOnly.TryParseExact(text, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : throw Problem(source, $"'{key}={text}' must be a UTC time of day as HH:mm:ss (e.g. 13:30:00)");

    private static FixVenueCapabilities Capabilities(Dictionary<string, string> values, string source)
    {
        var profile = values.GetValueOrDefault("profile", "full").ToLowerInvariant() switch
        {
            "executor" => FixVenueCapabilities.Executor,
            "ordermatch" => FixVenueCapabilities.OrderMatch,
            "full" => FixVenueCapabilities.Full,
            var other => throw Problem(source, $"'profile={other}' must be executor, ordermatch or full"),
        };
        return profile with
        {
            OrderTypes = values.TryGetValue("types", out var types)
                ? Set<OrderType>(types, "types", source) : profile.OrderTypes,
            TimesInForce = values.TryGetValue("tif", out var tifs)
                ? Set<TimeInForce>(tifs, "tif", source) : profile.TimesInForce,
            Cancel = Flag(values, "cancel", source, profile.Cancel),
            Replace = Flag(values, "replace", source, profile.Replace),
            StatusRequests = Flag(values, "status", source, profile.StatusRequests),
            KeepsBook = Book(values, source, profile.KeepsBook),
        };
    }

    private static bool Book(Dictionary<string, string> values, string source, bool fallback) =>
        !values.TryGetValue("book", out var text) ? fallback
        : text.ToLowerInvariant() switch
        {
            "durable" => true,
            "memory" => false,
            _ => throw Problem(source,
                $"'book={text}' must be durable (resting orders survive its restarts) or memory"),
        };

    private static HashSet<T> Set<T>(string text, string key, string source) where T : struct, Enum
    {
        var set = new HashSet<T>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            set.Add(ApiNames.TryParse<T>(item, out var value) ? value
                : throw Problem(source,
                    $"'{key}' has '{item}'; use {string.Join(", ", ApiNames.AllOf<T>())} (comma-separated)"));
        return set.Count > 0 ? set : throw Problem(source, $"'{key}' is empty");
    }

    private static FormatException Problem(string source, string what) =>
        new($"{source} is not a valid FIX connection string: {what}. Example: {Example}");
}
