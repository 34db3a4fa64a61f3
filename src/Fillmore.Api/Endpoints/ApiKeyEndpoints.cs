// The API key lifecycle for administrators (docs/api.md "API keys"): create a key for a user with a
// scope, an optional label and expiry (the key is in that answer only); list keys with their last
// use; rotate one (a new key, the old one revoked at once or after a grace period); revoke one.
// Every change is a control entry in the audit trail naming the administrator (ApiKeyService).
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public static class ApiKeyEndpoints
{
    public const int MaxLabelLength = 100;
    /// <summary>The longest a rotated key may keep working (a day).</summary>
    public const int MaxGraceSeconds = 86_400;

    public static void MapApiKeyEndpoints(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/v1/admin/api-keys").RequireAuthorization(Policies.Admin).WithTags("Admin");
        keys.MapPost("", CreateAsync).Accepts<ApiKeyCreateRequest>("application/json")
            .Produces<ApiKeyResponse>(201).ProducesProblem(400).ProducesProblem(415)
            .WithSummary("Create an API key (the key is in this answer only)");
        keys.MapGet("", List).Produces<ApiKeyListResponse>().ProducesProblem(400)
            .WithSummary("Every API key created here, newest first (?user= for one user's)");
        keys.MapGet("/{id}", Get).Produces<ApiKeyResponse>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("One API key");
        keys.MapPost("/{id}/rotate", RotateAsync).Produces<ApiKeyRotationResponse>(201).ProducesProblem(400)
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Replace a key with a new one (?grace_seconds= keeps the old one working that long)");
        keys.MapPost("/{id}/revoke", RevokeAsync).Produces<ApiKeyResponse>().ProducesProblem(400)
            .ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Revoke a key on every node (?reason= is recorded)");
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ApiKeyService service, TimeProvider time,
        CancellationToken ct)
    {
        var (read, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.ApiKeyCreateRequest,
            "{\"user\":\"alice\",\"scope\":\"trade\",\"label\":\"alice's bot\"}", ct);
        if (read is not { } body) return problem!;
        var now = time.GetUtcNow();
        var (expiresAt, errors) = Check(body, now);
        if (errors.Count > 0) return Problems.Invalid(errors, "API key");
        var (record, key) = await service.CreateAsync(new TraderId(body.User!.Trim()), body.Scope!,
            string.IsNullOrWhiteSpace(body.Label) ? null : body.Label.Trim(), expiresAt, AdminOf(http), ct);
        return TypedResults.Created($"/api/v1/admin/api-keys/{record.Prefix}",
            ApiKeyResponse.From(record, now, key));
    }

    private static IResult List(HttpContext http, ApiKeyCache cache, TimeProvider time)
    {
        var p = new QueryParameters(http.Request, "user");
        var user = http.Request.Query["user"].FirstOrDefault();
        if (user is not null && !QueryParameters.IsTraderId(user))
            p.Add("user", ReasonCodes.TraderIdInvalid, $"'{QueryParameters.Shown(user)}' is not a user name.",
                "Use the user's name, e.g. user=alice, or leave user out for every key.");
        if (p.Problem is { } problem) return problem;
        var now = time.GetUtcNow();
        return TypedResults.Ok(new ApiKeyListResponse(cache.All
            .Where(k => user is null || k.User.Value == user.Trim())
            .OrderByDescending(k => k.CreatedAt).ThenBy(k => k.Prefix, StringComparer.Ordinal)
            .Select(k => ApiKeyResponse.From(k, now)).ToList()));
    }

    private static IResult Get(HttpContext http, string id, ApiKeyCache cache, TimeProvider time)
    {
        var p = new QueryParameters(http.Request);
        if (p.Problem is { } problem) return problem;
        if (Find(id, cache) is not { } found) return NotFound(id);
        return TypedResults.Ok(ApiKeyResponse.From(found, time.GetUtcNow()));
    }

    private static async Task<IResult> RotateAsync(HttpContext http, string id, ApiKeyCache cache,
        ApiKeyService service, TimeProvider time, CancellationToken ct)
    {
        var p = new QueryParameters(http.Request, "grace_seconds");
        var grace = p.Whole("grace_seconds", ReasonCodes.GraceInvalid, http.Request.Query["grace_seconds"]
            .FirstOrDefault(), 0, MaxGraceSeconds, "Send the seconds the old key keeps working, from 0 (it stops now) "
                + $"to {MaxGraceSeconds} (a day).") ?? 0;
        if (p.Problem is { } problem) return problem;
        if (Find(id, cache) is not { } found) return NotFound(id);
        var now = time.GetUtcNow();
        if (!found.ValidAt(now)) return NotActive(found.Prefix, "rotated");
        var (old, replacement, key) = await service.RotateAsync(found, TimeSpan.FromSeconds(grace), AdminOf(http), ct);
        return TypedResults.Created($"/api/v1/admin/api-keys/{replacement.Prefix}",
            new ApiKeyRotationResponse(ApiKeyResponse.From(replacement, now, key), ApiKeyResponse.From(old, now)));
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, string id, ApiKeyCache cache,
        ApiKeyService service, TimeProvider time, CancellationToken ct)
    {
        var p = new QueryParameters(http.Request, "reason");
        if (p.Problem is { } problem) return problem;
        if (Find(id, cache) is not { } found) return NotFound(id);
        if (found.RevokedAt is not null) return NotActive(found.Prefix, "revoked");
        var revoked = await service.RevokeAsync(found, http.Request.Query["reason"].FirstOrDefault(), AdminOf(http),
            ct);
        return TypedResults.Ok(ApiKeyResponse.From(revoked, time.GetUtcNow()));
    }

    private static (DateTimeOffset? ExpiresAt, List<RuleViolation> Errors) Check(ApiKeyCreateRequest body,
        DateTimeOffset now)
    {
        var errors = new List<RuleViolation>();
        if (!QueryParameters.IsTraderId(body.User))
            errors.Add(new("user", body.User is null ? ReasonCodes.FieldRequired : ReasonCodes.TraderIdInvalid,
                body.User is null ? "user is missing: whose key is it?"
                    : $"'{QueryParameters.Shown(body.User)}' is not a user name.",
                $"Send the user the key authenticates as (1 to {QueryParameters.MaxTraderIdLength} printable "
                    + "characters), e.g. \"user\":\"alice\"."));
        if (body.Scope is null || !ApiKeyScopes.All.Contains(body.Scope))
            errors.Add(new("scope", body.Scope is null ? ReasonCodes.FieldRequired : ReasonCodes.ApiKeyScopeInvalid,
                body.Scope is null ? "scope is missing: what may the key do?"
                    : $"'{QueryParameters.Shown(body.Scope)}' is not a scope.",
                $"Use one of {string.Join(", ", ApiKeyScopes.All)}."));
        if (body.Label is { } label && (label.Length > MaxLabelLength || label.Any(char.IsControl)))
            errors.Add(new("label", ReasonCodes.ApiKeyLabelInvalid,
                $"The label must be at most {MaxLabelLength} printable characters; it has {label.Length}.",
                "Shorten it, e.g. \"alice's trading bot\"."));
        DateTimeOffset? expiresAt = null;
        if (body.ExpiresAt is { } text)
        {
            var q = new QueryParameters(new DefaultHttpContext().Request);
            expiresAt = q.Time("expires_at", text);
            if (expiresAt is null || expiresAt <= now)
                errors.Add(new("expires_at", ReasonCodes.ApiKeyExpiryInvalid,
                    expiresAt is null ? $"'{QueryParameters.Shown(text)}' is not an ISO 8601 time."
                        : $"expires_at ({QueryParameters.Iso(expiresAt.Value)}) is not in the future.",
                    "Send a later time, e.g. \"expires_at\":\"" + QueryParameters.Iso(now.AddDays(90)) + "\", or "
                        + "leave expires_at out for a key that works until revoked."));
        }
        return (expiresAt, errors);
    }

    private static Core.Ports.ApiKeyRecord? Find(string id, ApiKeyCache cache) =>
        ApiKeyFormat.IsPrefix(id) ? cache.Find(id) : null;

    private static IResult NotFound(string id) => ApiKeyFormat.IsPrefix(id)
        ? Problems.Single(404, ReasonCodes.ApiKeyNotFound, "No such API key", $"There is no API key {id}.",
            "List the keys with GET /api/v1/admin/api-keys; the id is the key's prefix.", "id")
        : Problems.Single(400, ReasonCodes.ApiKeyIdInvalid, "Not an API key id",
            $"'{QueryParameters.Shown(id)}' is not an API key id.",
            "Use the id a listing shows: fmk_ and 12 hex digits (the key's first 16 characters, never the key).",
            "id");

    private static IResult NotActive(string prefix, string verb) => Problems.Single(409, ReasonCodes.ApiKeyRevoked,
        "The key no longer works", $"API key {prefix} is revoked or expired: it cannot be {verb}.",
        "Create a new key with POST /api/v1/admin/api-keys.", "id");

    private static string AdminOf(HttpContext http) => $"administrator {Caller.From(http.User).Id}";
}
