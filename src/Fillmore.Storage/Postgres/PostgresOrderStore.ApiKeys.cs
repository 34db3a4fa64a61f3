// The API keys on PostgreSQL (IApiKeyStore): every node reads the same table, so a key created or
// revoked through one node is seen by the others at their next read (ApiKeyCache).
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Ports;

public sealed partial class PostgresOrderStore : IApiKeyStore, IDataKeyStore
{
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken ct = default) =>
        await QueryAsync(ApiKeySql.List, ApiKeySql.Read, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<DataKeyRecord>> ListDataKeysAsync(CancellationToken ct = default) =>
        await QueryAsync(ApiKeySql.ListDataKeys, ApiKeySql.ReadDataKey, ct).ConfigureAwait(false);
}
