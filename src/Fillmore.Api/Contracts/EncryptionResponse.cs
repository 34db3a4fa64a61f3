// GET /api/v1/admin/encryption (and the rotation's answer): the master key's id (a hash, never the
// key), the data key new values are encrypted with, and every data key with the number of stored
// values it encrypts (a key with none left can be forgotten by a backup policy, never by Fillmore).
namespace Fillmore.Api.Contracts;

using System.Text.Json.Serialization;

public sealed record EncryptionResponse(string MasterKeyId, string CurrentDataKeyId,
    IReadOnlyList<DataKeyResponse> DataKeys)
{
    /// <summary>After a rotation: the API keys re-encrypted under the new data key.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Reencrypted { get; init; }
}
