// API key writes on PostgreSQL, inside the writer's batch transaction (with the audit entries of
// the same change, under their partitions' locks). Rare: the commands are built on use rather than
// prepared. Last uses touch keys of any trader, outside any partition: they are collected and
// applied at commit in key order, so two nodes touching the same keys lock them in the same order.
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
        _touches[prefix] = _touches.TryGetValue(prefix, out var known) && known > at ? known : at;

    private void FlushTouches()
    {
        foreach (var (prefix, at) in _touches) Execute(ApiKeySql.Touch, [("prefix", prefix), ("at", SqlText.Of(at))]);
        _touches.Clear();
    }

    private void Execute(string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        FlushRows();   // written in the order the changes came
        using var command = new Npgsql.NpgsqlCommand(sql, _connection, _tx);
        ApiKeySql.Bind(command, parameters);
        command.ExecuteNonQuery();
    }
}
