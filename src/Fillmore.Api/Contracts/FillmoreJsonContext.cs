// Source-generated JSON for everything the API reads and writes: snake_case names, no reflection.
// Reading is strict where it matters: a field the contract does not have, or one sent twice, is an
// error (never ignored, never "last one wins"); Endpoints/JsonBody turns them into problems.
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;
using Fillmore.Api.Errors;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    NumberHandling = JsonNumberHandling.Strict,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SubmitOrderRequest))]
[JsonSerializable(typeof(AmendOrderRequest))]
[JsonSerializable(typeof(PriceRequest))]
[JsonSerializable(typeof(VenueHaltRequest))]
[JsonSerializable(typeof(VenueResponse))]
[JsonSerializable(typeof(VenueListResponse))]
[JsonSerializable(typeof(TradingVenueListResponse))]
[JsonSerializable(typeof(RoutingResponse))]
[JsonSerializable(typeof(StoredRouting))]
[JsonSerializable(typeof(List<RouteOptionResponse>))]
[JsonSerializable(typeof(LimitsRequest))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderListResponse))]
[JsonSerializable(typeof(AuditListResponse))]
[JsonSerializable(typeof(AuditPageResponse))]
[JsonSerializable(typeof(AuditVerificationResponse))]
[JsonSerializable(typeof(AuditCheckpointResponse))]
[JsonSerializable(typeof(AuditCheckpointPageResponse))]
[JsonSerializable(typeof(AuditCheckpointKeyResponse))]
[JsonSerializable(typeof(AuditVerifyRequest))]
[JsonSerializable(typeof(List<AuditCheckpointResponse>))]
[JsonSerializable(typeof(MetricsSummaryResponse))]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(GhostListResponse))]
[JsonSerializable(typeof(GhostResponse))]
[JsonSerializable(typeof(GhostDismissRequest))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(AccountUpdateRequest))]
[JsonSerializable(typeof(TradingHaltRequest))]
[JsonSerializable(typeof(TradingHaltResponse))]
[JsonSerializable(typeof(InstrumentListResponse))]
[JsonSerializable(typeof(ExecutionFlagRequest))]
[JsonSerializable(typeof(ExecutionFlagResponse))]
[JsonSerializable(typeof(ApiKeyCreateRequest))]
[JsonSerializable(typeof(ApiKeyResponse))]
[JsonSerializable(typeof(ApiKeyListResponse))]
[JsonSerializable(typeof(ApiKeyRotationResponse))]
[JsonSerializable(typeof(EncryptionResponse))]
[JsonSerializable(typeof(ProblemBody))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
internal sealed partial class FillmoreJsonContext : JsonSerializerContext
{
    // Responses are JSON, never HTML: apostrophes and quotes stay readable instead of \u0027.
    public static FillmoreJsonContext Web { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
