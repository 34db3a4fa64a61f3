// The API keys on SQLite (IApiKeyStore): written through the single writer, read beside it.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Ports;

public sealed partial class SqliteOrderStore : IApiKeyStore
{
    public async Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken ct = default) =>
        await QueryAsync(ApiKeySql.List, ApiKeySql.Read, ct).ConfigureAwait(false);
}
