// One data key as GET /api/v1/admin/encryption lists it: never its material.
namespace Fillmore.Api.Contracts;

public sealed record DataKeyResponse(string Id, string MasterKeyId, DateTimeOffset CreatedAt, int Values);
