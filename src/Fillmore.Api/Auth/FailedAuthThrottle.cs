// Slows down guessing: failed authentications are counted per source address and per key prefix
// in one-minute windows; once either has reached its limit (Fillmore:Auth:FailedAttemptsPerAddress,
// Fillmore:Auth:FailedAttemptsPerKey), every
// request with credentials from that address, or with a key of that prefix, is answered 429 with
// Retry-After until the window ends (AuthThrottleMiddleware), right keys included, so that guessing
// cannot go on beside them. Per node, in memory: a cluster of N nodes lets through at most N times
// the limit. Behind a proxy every client has the proxy's address: see docs/security.md.
namespace Fillmore.Api.Auth;

using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

public sealed class FailedAuthThrottle(TimeProvider time, IOptionsMonitor<AuthOptions> options)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    // Bounds the memory an attacker with many addresses can make this take: past it, ended windows are dropped.
    private const int MaxTracked = 100_000;

    private readonly ConcurrentDictionary<string, (DateTimeOffset Start, int Failures)> _windows =
        new(StringComparer.Ordinal);

    public static string AddressOf(HttpContext context) =>
        context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public void RecordFailure(string address, string? prefix)
    {
        var now = time.GetUtcNow();
        if (_windows.Count > MaxTracked) DropEnded(now);
        Count("address " + address, now);
        if (prefix is not null) Count("key " + prefix, now);
    }

    /// <summary>How long requests from <paramref name="address"/> or with <paramref name="prefix"/> are refused, or
    /// null when they are not.</summary>
    public TimeSpan? RetryAfter(string address, string? prefix)
    {
        var now = time.GetUtcNow();
        var limits = options.CurrentValue;
        var wait = Blocked("address " + address, limits.FailedAttemptsPerAddress, now);
        if (prefix is not null && Blocked("key " + prefix, limits.FailedAttemptsPerKey, now) is { } forKey
            && (wait is null || forKey > wait))
            wait = forKey;
        return wait;
    }

    private void Count(string subject, DateTimeOffset now) =>
        _windows.AddOrUpdate(subject, (now, 1),
            (_, w) => now - w.Start >= Window ? (now, 1) : (w.Start, w.Failures + 1));

    private TimeSpan? Blocked(string subject, int limit, DateTimeOffset now)
    {
        if (!_windows.TryGetValue(subject, out var w) || now - w.Start >= Window) return null;
        return w.Failures >= limit ? w.Start + Window - now : null;
    }

    private void DropEnded(DateTimeOffset now)
    {
        foreach (var (subject, w) in _windows)
            if (now - w.Start >= Window) _windows.TryRemove(subject, out _);
    }
}
