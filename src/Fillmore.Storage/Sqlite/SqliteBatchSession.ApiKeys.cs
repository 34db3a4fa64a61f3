// API key writes on SQLite, inside the writer's batch transaction (with the audit entries of the
// same change). Rare: the commands are built on use rather than prepared.
namespace Fillmore.Storage.Sqlite;

using Fillmore.Core.Ports;

internal sealed partial class SqliteBatchSession
{
    protected override void WriteApiKey(ApiKeyRecord key) => Execute(ApiKeySql.Upsert, ApiKeySql.Parameters(key));

    protected override void WriteApiKeySecrets(ApiKeyRecord key) =>
        Execute(ApiKeySql.Secrets, ApiKeySql.SecretParameters(key));

    protected override void WriteDataKey(DataKeyRecord key) =>
        Execute(ApiKeySql.UpsertDataKey, ApiKeySql.Parameters(key));

    protected override void TouchApiKey(string prefix, DateTimeOffset at) =>
        Execute(ApiKeySql.Touch, [("prefix", prefix), ("at", SqlText.Of(at))]);

    private void Execute(string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _tx;
        command.CommandText = sql;
        ApiKeySql.Bind(command, parameters);
        command.ExecuteNonQuery();
    }
}
