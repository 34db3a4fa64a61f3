// API key writes on PostgreSQL, inside the writer's batch transaction (under the writer lock, with
// the audit entries of the same change). Rare: the commands are built on use rather than prepared.
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Ports;

internal sealed partial class PostgresBatchSession
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
        using var command = new Npgsql.NpgsqlCommand(sql, _connection, _tx);
        ApiKeySql.Bind(command, parameters);
        command.ExecuteNonQuery();
    }
}
