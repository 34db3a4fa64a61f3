// The PostgreSQL server the tests run against: FILLMORE_TEST_POSTGRES, a superuser connection
// string (scripts/services starts a throwaway server and prints it). Every test gets its own fresh
// database and its own login role in fillmore_app, the application role the migrations grant to;
// the store migrates as the superuser (the schema owner) and works as that login role.
namespace Fillmore.Storage.Tests;

using Npgsql;

public static class PostgresServer
{
    public const string Variable = "FILLMORE_TEST_POSTGRES";

    public static string? AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Why the PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? SkipReason => AdminConnectionString is null
        ? $"PostgreSQL tests skipped: {Variable} is not set (scripts/test starts a throwaway server and sets it)."
        : null;

    public static async Task<PostgresTestDatabase> CreateDatabaseAsync()
    {
        var admin = AdminConnectionString ?? throw new InvalidOperationException(SkipReason);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var database = $"fillmore_test_{suffix}";
        var role = $"fillmore_{suffix}";
        // The role belongs to the whole server; the migration creates it the same way when it is missing.
        await ExecuteAsync(Unpooled(admin, null), $"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'fillmore_app') THEN CREATE ROLE fillmore_app NOLOGIN; END IF;
            EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
            END $$;
            CREATE ROLE {role} LOGIN PASSWORD '{suffix}' IN ROLE fillmore_app;
            """);
        await ExecuteAsync(Unpooled(admin, null), $"CREATE DATABASE {database}");
        var app = new NpgsqlConnectionStringBuilder(admin) { Database = database, Username = role, Password = suffix }.ToString();
        return new PostgresTestDatabase(database, role, Unpooled(admin, database), app);
    }

    internal static string Unpooled(string connectionString, string? database)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        if (database is not null) builder.Database = database;
        return builder.ToString();
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return await cmd.ExecuteScalarAsync();
    }
}
