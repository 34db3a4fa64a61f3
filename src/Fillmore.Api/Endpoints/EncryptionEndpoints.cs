// The encryption at rest for administrators (docs/security.md): what is encrypted under which data
// key, and the online rotation (a new data key, every encrypted value re-encrypted under it).
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Security;

public static class EncryptionEndpoints
{
    public static void MapEncryptionEndpoints(this IEndpointRouteBuilder app)
    {
        var encryption = app.MapGroup("/api/v1/admin/encryption").RequireAuthorization(Policies.Admin)
            .WithTags("Admin");
        encryption.MapGet("", GetAsync).Produces<EncryptionResponse>().ProducesProblem(400)
            .WithSummary("The data keys of the encryption at rest and what each encrypts");
        encryption.MapPost("/rotate", RotateAsync).Produces<EncryptionResponse>().ProducesProblem(400)
            .WithSummary("A new data key, and every encrypted value re-encrypted under it (online)");
    }

    private static async Task<IResult> GetAsync(HttpContext http, EncryptionService encryption, DataKeyRing ring,
        FieldCipher cipher, CancellationToken ct)
    {
        if (new QueryParameters(http.Request).Problem is { } problem) return problem;
        return TypedResults.Ok(await DescribeAsync(encryption, ring, cipher, ct));
    }

    private static async Task<IResult> RotateAsync(HttpContext http, EncryptionService encryption, DataKeyRing ring,
        FieldCipher cipher, CancellationToken ct)
    {
        if (new QueryParameters(http.Request).Problem is { } problem) return problem;
        var (_, records) = await encryption.RotateAsync($"administrator {Caller.From(http.User).Id}", ct);
        return TypedResults.Ok(await DescribeAsync(encryption, ring, cipher, ct) with { Reencrypted = records });
    }

    private static async Task<EncryptionResponse> DescribeAsync(EncryptionService encryption, DataKeyRing ring,
        FieldCipher cipher, CancellationToken ct) =>
        new(ring.Master.Id, cipher.CurrentKeyId, (await encryption.DescribeAsync(ct))
            .Select(u => new DataKeyResponse(u.Key.Id, u.Key.MasterKeyId, u.Key.CreatedAt, u.Values)).ToList());
}
