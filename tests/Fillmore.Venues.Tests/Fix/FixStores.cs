// The real SQLite store the FIX tests keep their sessions in (the same file across a "restart" of
// the venue), in a temporary folder removed at the end.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Fillmore.Storage;
using Fillmore.Storage.Sqlite;
using Microsoft.Data.Sqlite;

public sealed class FixStores : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fillmore-fix-store-").FullName;
    private readonly List<SqliteOrderStore> _open = [];

    public string DatabasePath => Path.Combine(_dir, "fillmore.db");

    public async Task<SqliteOrderStore> OpenAsync()
    {
        var store = await SqliteOrderStore.OpenAsync(new StoreOptions { SqlitePath = DatabasePath }, new NoEvents(),
            TimeProvider.System);
        lock (_open) _open.Add(store);
        return store;
    }

    /// <summary>Runs SQL straight on the file (to craft a stored state the tests need).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public void Dispose()
    {
        lock (_open) foreach (var store in _open) store.Dispose();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private sealed class NoEvents : IEventPublisher
    {
        public void Publish(IReadOnlyList<OrderEvent> committed) { }
    }
}
