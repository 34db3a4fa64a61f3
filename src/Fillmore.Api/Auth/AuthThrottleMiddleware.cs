// Answers 429 AUTH_THROTTLED, with Retry-After, to a request carrying credentials from an address
// or with a key prefix that FailedAuthThrottle has blocked, before authentication looks at them.
// Requests without credentials pass: they learn nothing and are refused 401 where it matters.
namespace Fillmore.Api.Auth;

using System.Globalization;
using Fillmore.Api.Errors;
using Fillmore.Core;

public sealed partial class AuthThrottleMiddleware(RequestDelegate next, FailedAuthThrottle throttle,
    ILogger<AuthThrottleMiddleware> log)
{
    public Task InvokeAsync(HttpContext context)
    {
        var key = ApiKeyAuthenticationHandler.Presented(context.Request);
        if (string.IsNullOrEmpty(key) && context.Request.Headers.Authorization.Count == 0) return next(context);
        var address = FailedAuthThrottle.AddressOf(context);
        var prefix = key is null ? null : ApiKeyFormat.PrefixOf(key);
        if (throttle.RetryAfter(address, prefix) is not { } wait) return next(context);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        LogThrottled(log, address, prefix ?? "(none)", seconds);
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.WriteAsync(context, Problems.Body(429, ReasonCodes.AuthThrottled,
            "Too many failed authentications",
            $"Too many requests with wrong credentials came from this address or with this key; "
                + $"authentication is paused for {seconds} s.",
            $"Wait {seconds} s (Retry-After), then send a valid API key or token. "
                + "An administrator can create a new key if this one is lost."));
    }

    [LoggerMessage(Level = LogLevel.Warning, EventName = "auth.throttled",
        Message = "Refused a request from {Address} (key prefix {Prefix}) for {Seconds} s: too many failed "
            + "authentications.")]
    private static partial void LogThrottled(ILogger log, string address, string prefix, int seconds);
}
