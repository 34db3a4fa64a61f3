// The API keys on SQLite (IApiKeyStore): written through the single writer, read beside it.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Ports;

public sealed partial class SqliteOrderStore : IApiKeyStore, IDataKeyStore
{
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken ct = default) =>
        await QueryAsync(ApiKeySql.List, ApiKeySql.Read, ct).ConfigureAwait(false);

    public async Task<IReadOnlyList<DataKeyRecord>> ListDataKeysAsync(CancellationToken ct = default) =>
        await QueryAsync(ApiKeySql.ListDataKeys, ApiKeySql.ReadDataKey, ct).ConfigureAwait(false);
}
