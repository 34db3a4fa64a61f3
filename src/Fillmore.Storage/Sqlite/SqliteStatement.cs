// One statement of the writer, prepared once on its connection and run through SQLitePCLRaw directly.
// Microsoft.Data.Sqlite looks every parameter up by name in SQLite on every execution and wraps each
// in a data reader; for the writer's short inserts that was about as much time as SQLite's own work
// (measured: `--driver` in bench/Fillmore.Bench.Micro, docs/benchmarks.md, fourth pass). Here each
// name is resolved to its position once, values are bound as they are set, and a value stays bound
// until it is set again, as a SqliteCommand's parameter values do. Errors surface as the same
// SqliteException (code and message) the driver would raise. Used only on the writer's thread.
namespace Fillmore.Storage.Sqlite;

using Microsoft.Data.Sqlite;
using SQLitePCL;

internal sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        Check(raw.sqlite3_prepare_v3(_db, sql, raw.SQLITE_PREPARE_PERSISTENT, out _stmt));
        foreach (var name in SqliteSql.ParameterNames(sql))
            _positions[name] = raw.sqlite3_bind_parameter_index(_stmt, name);
    }

    /// <summary>Binds <paramref name="value"/> to the parameter <paramref name="name"/>; a name this statement does not
    /// have is ignored.</summary>
    public void Set(string name, object? value)
    {
        if (!_positions.TryGetValue(name, out var i)) return;
        Check(value switch
        {
            null or DBNull => raw.sqlite3_bind_null(_stmt, i),
            long n => raw.sqlite3_bind_int64(_stmt, i, n),
            int n => raw.sqlite3_bind_int64(_stmt, i, n),
            bool b => raw.sqlite3_bind_int64(_stmt, i, b ? 1 : 0),
            string s => raw.sqlite3_bind_text(_stmt, i, s),
            _ => throw new ArgumentException($"No SQLite binding for {value.GetType().Name} ({name}).", nameof(value)),
        });
    }

    /// <summary>Binds UTF-8 text as it is, without a round trip through a string.</summary>
    public void SetUtf8(string name, ReadOnlySpan<byte> utf8) =>
        Check(raw.sqlite3_bind_text(_stmt, _positions[name], utf8));

    /// <summary>Runs the statement to completion; the number of rows it changed.</summary>
    public int Execute()
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            while (rc == raw.SQLITE_ROW) rc = raw.sqlite3_step(_stmt);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return raw.sqlite3_changes(_db);
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>The first row mapped by <paramref name="map"/>, or default when there is none.</summary>
    public T? ReadFirst<T>(Func<SqliteStatement, T> map)
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_ROW) return map(this);
            if (rc != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(rc, _db);
            return default;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    public bool IsNull(int column) => raw.sqlite3_column_type(_stmt, column) == raw.SQLITE_NULL;

    public long Int64(int column) => raw.sqlite3_column_int64(_stmt, column);

    public string Text(int column) => raw.sqlite3_column_text(_stmt, column).utf8_to_string();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, _db);
    }

    public void Dispose() => _stmt.Dispose();
}
