// The encryption at rest as an administrator sees and turns it: which data keys exist and how many
// stored values each one encrypts, and the rotation: a new data key, then every encrypted value
// re-encrypted under it, online (through the store's writer, beside the traffic), each step a
// control entry. Old data keys stay in the store: a value written under one by another node
// during the rotation still opens; a second rotation moves it too (docs/security.md).
namespace Fillmore.Api.Security;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

public sealed class EncryptionService(DataKeyRing ring, FieldCipher cipher, IDataKeyStore dataKeys,
    IApiKeyStore apiKeys, IOrderStore store, TimeProvider time)
{
    public sealed record DataKeyUse(DataKeyRecord Key, int Values);

    public async Task<IReadOnlyList<DataKeyUse>> DescribeAsync(CancellationToken ct)
    {
        var values = (await apiKeys.ListApiKeysAsync(ct).ConfigureAwait(false))
            .SelectMany(k => new[] { k.KeySha256, k.Label }).OfType<string>()
            .Select(FieldCipher.KeyIdOf).OfType<string>().CountBy(id => id).ToDictionary();
        return (await dataKeys.ListDataKeysAsync(ct).ConfigureAwait(false))
            .Select(k => new DataKeyUse(k, values.GetValueOrDefault(k.Id))).ToList();
    }

    /// <returns>The new data key's id and how many stored records were re-encrypted under it.</returns>
    public async Task<(string DataKeyId, int Records)> RotateAsync(string admin, CancellationToken ct)
    {
        var id = await ring.CreateAsync(admin, ct).ConfigureAwait(false);
        // A key that does not open stays as it is: re-encrypting cannot repair it (ApiKeyRefresher reports it).
        var opened = await SealedApiKeys.OpenAllAsync(ring, cipher,
            await apiKeys.ListApiKeysAsync(ct).ConfigureAwait(false), (_, _) => { }, ct).ConfigureAwait(false);
        var resealed = opened.Select(k => SealedApiKeys.Seal(cipher, k)).ToList();
        var entry = AuditRecord.Control(AuditAction.DataReencrypted, AuditRecord.Everyone, "*", Actor.Admin,
            time.GetUtcNow(), $"{resealed.Count} API keys re-encrypted under data key {id} by {admin}.", null);
        var result = await store.CommitAsync(new ApiKeySecrets(resealed, [entry]), ct).ConfigureAwait(false);
        if (!result.Ok) throw new InvalidOperationException($"The store refused the re-encryption: {result.Status}.");
        return (id, resealed.Count);
    }
}
