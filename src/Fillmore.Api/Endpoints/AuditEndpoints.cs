// /api/v1/audit: the audit trail across orders, and its verification.
//  - GET /api/v1/audit: compliance reads every trader's entries (optionally one trader's); a
//    trader reads only their own, with the same filters (trader_id is ignored for them, FR-013).
//    Cursor-paged by entry id: pass the previous page's next_cursor as cursor.
//  - GET /api/v1/audit/verify (compliance, admin): streams the whole chain through the verifier
//    in id pages and answers whether it is intact, or where and how it is broken. Both answers
//    are 200: the verification itself succeeded.
//  - POST /api/v1/audit/verify (compliance, admin): the same, and the chain checked against
//    checkpoints the caller kept outside the database (AuditCheckpointCheck).
//  - GET /api/v1/audit/checkpoints (compliance, admin): the signed checkpoints of the trail's heads
//    (every partition's), oldest first, cursor-paged by seq; /latest the newest; /key the key this
//    node signs with.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using System.Security.Cryptography;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

public static class AuditEndpoints
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var audit = app.MapGroup("/api/v1/audit").RequireAuthorization().WithTags("Audit");
        audit.MapGet("", ListAsync).ReadsQuery().Produces<AuditPageResponse>().ProducesProblem(400)
            .WithSummary("Audit entries in id order, filtered by trader_id, symbol, action, order_id, from, to; "
                + "paged with cursor and limit");
        audit.MapGet("/verify", VerifyAsync).RequireAuthorization(Policies.Compliance)
            .Produces<AuditVerificationResponse>().ProducesProblem(403)
            .WithSummary("Verify the whole audit hash chain: intact, or the first broken entry and why");
        audit.MapPost("/verify", VerifyAgainstAsync).RequireAuthorization(Policies.Compliance)
            .Accepts<AuditVerifyRequest>("application/json").Produces<AuditVerificationResponse>()
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(415)
            .WithSummary("Verify the chain, and check it against checkpoints kept outside the database");
        var checkpoints = audit.MapGroup("/checkpoints").RequireAuthorization(Policies.Compliance);
        checkpoints.MapGet("", ListCheckpointsAsync).ReadsQuery().Produces<AuditCheckpointPageResponse>()
            .ProducesProblem(400)
            .WithSummary("Signed checkpoints of the chain's head, oldest first; paged with cursor and limit");
        checkpoints.MapGet("/latest", LatestCheckpointAsync).Produces<AuditCheckpointResponse>().ProducesProblem(404)
            .WithSummary("The newest signed checkpoint of the chain's head");
        checkpoints.MapGet("/key", (HttpContext http, AuditCheckpointSigner signer) =>
            {
                var p = new QueryParameters(http.Request);
                return p.Problem ?? TypedResults.Ok(new AuditCheckpointKeyResponse(signer.KeyId, signer.PublicKey,
                    PemEncoding.WriteString("PUBLIC KEY", Convert.FromBase64String(signer.PublicKey))));
            })
            .Produces<AuditCheckpointKeyResponse>().WithSummary("The public key this node signs checkpoints with");
    }

    private static async Task<IResult> VerifyAgainstAsync(HttpContext http, IOrderStore store, TimeProvider time,
        CancellationToken ct)
    {
        var (body, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.AuditVerifyRequest,
            "{\"checkpoints\":[{\"seq\":1,\"created_at\":\"…\",\"head_id\":5,\"head_hash\":\"…\","
                + "\"key_id\":\"…\",\"public_key\":\"…\",\"signature\":\"…\"}]}", ct);
        if (problem is not null) return problem;
        if (body!.Checkpoints is not { Count: > 0 } sent || sent.Any(c => c is null))
            return Problems.Single(400, ReasonCodes.FieldRequired, "No checkpoints",
                "The field 'checkpoints' is missing, empty or holds a null: there is nothing to check the chain "
                    + "against.", "Send the checkpoints GET /api/v1/audit/checkpoints gave you, or use GET "
                    + "/api/v1/audit/verify for the chain alone.", "checkpoints");
        var trusted = body.TrustedKeyId is { } key ? new HashSet<string> { key } : null;
        var check = await AuditCheckpointCheck.RunAsync(store.ReadAuditChainAsync,
            sent.Select(c => c.ToCheckpoint()).ToList(), trusted, ct, PartitionsOf(store));
        return TypedResults.Ok(AuditVerificationResponse.From(check.Verification, time.GetUtcNow())
            with { Checkpoint = AuditCheckpointCheckResponse.From(check) });
    }

    private static async Task<IResult> ListCheckpointsAsync(HttpContext http, IOrderStore store, string? cursor,
        string? limit, CancellationToken ct)
    {
        var p = new QueryParameters(http.Request, "cursor", "limit");
        var (after, size) = (p.Cursor(cursor), p.Limit(limit, DefaultPageSize, MaxPageSize));
        if (p.Problem is { } problem) return problem;
        if (store is not IAuditCheckpointStore checkpoints)
            return TypedResults.Ok(new AuditCheckpointPageResponse([], null));
        var found = await checkpoints.ListCheckpointsAsync(after, size + 1, ct);
        var page = found.Take(size).Select(AuditCheckpointResponse.From).ToList();
        return TypedResults.Ok(new AuditCheckpointPageResponse(page, found.Count > size ? page[^1].Seq : null));
    }

    private static async Task<IResult> LatestCheckpointAsync(HttpContext http, IOrderStore store,
        CancellationToken ct)
    {
        var p = new QueryParameters(http.Request);
        if (p.Problem is { } problem) return problem;
        return store is IAuditCheckpointStore checkpoints
               && await checkpoints.LatestCheckpointAsync(ct) is { } latest
            ? TypedResults.Ok(AuditCheckpointResponse.From(latest))
            : Problems.Single(404, ReasonCodes.CheckpointNotFound, "No checkpoint yet",
                "No audit checkpoint has been written yet: the trail is empty, or checkpoints are off "
                    + "(FILLMORE_AUDIT_CHECKPOINT_INTERVAL=0).",
                "Retry once the first order is in; checkpoints follow the chain every second by default.");
    }

    private static async Task<IResult> ListAsync(HttpContext http, IOrderStore store, string? trader_id, string? symbol,
        string? action, string? order_id, string? from, string? to, string? cursor, string? limit, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var p = new QueryParameters(http.Request, "trader_id", "symbol", "action", "order_id", "from", "to", "cursor",
            "limit");
        var query = new AuditQuery(
            caller.IsCompliance ? p.Trader(trader_id) : caller.Id,
            p.Symbol(symbol), p.Enum<AuditAction>("action", ReasonCodes.ActionInvalid, action), p.Order(order_id),
            p.Time("from", from), p.Time("to", to), p.Cursor(cursor), p.Limit(limit, DefaultPageSize, MaxPageSize));
        p.Range(query.From, query.To);
        if (p.Problem is { } problem) return problem;
        // One more than asked for tells whether another page exists without a second query.
        var entries = await store.ListAuditAsync(query with { Limit = query.Limit + 1 }, ct);
        var page = entries.Take(query.Limit).Select(AuditEntryResponse.From).ToList();
        return TypedResults.Ok(new AuditPageResponse(page, entries.Count > query.Limit ? page[^1].Id : null));
    }

    private static async Task<IResult> VerifyAsync(IOrderStore store, TimeProvider time, CancellationToken ct)
    {
        var verdict = await AuditTrailCheck.RunAsync(store.ReadAuditChainAsync, AuditTrailCheck.DefaultPageSize, ct,
            PartitionsOf(store));
        return TypedResults.Ok(AuditVerificationResponse.From(verdict, time.GetUtcNow()));
    }

    private static int? PartitionsOf(IOrderStore store) =>
        store is IAuditCheckpointStore checkpoints ? checkpoints.AuditPartitions : null;
}
