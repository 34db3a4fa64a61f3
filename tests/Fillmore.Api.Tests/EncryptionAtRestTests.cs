// The encryption at rest, on the real host and the real files: the plaintext of every encrypted
// field (an API key's hash and its label) is nowhere in the SQLite file or its WAL, nor in the
// PostgreSQL table's pages, while the public prefix beside it is (so the scan would find it); the
// rotation re-encrypts online and keys keep working; a missing or wrong master key stops the
// start with its reason; a master key is replaced by starting with both, then the new one alone.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fillmore.Storage.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

public sealed class EncryptionAtRestTests : IDisposable
{
    private const string Label = "desk of Jane Roe, +44 20 7946 0958";
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<(JsonElement Key, string Hash)> CreateAsync(FillmoreFactory f)
    {
        var created = await f.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/api-keys",
            new { user = "alice", scope = "trade", label = Label });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = await created.JsonAsync();
        return (key, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Str("key")))));
    }

    private static string MasterKeyFile(string folder, string name)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        return path;
    }

    // The service still has the files open (WAL mode): read them beside it.
    private static byte[] ReadWhileOpen(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        file.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    [Fact]
    public async Task No_encrypted_field_is_in_the_SQLite_file_or_its_WAL_in_clear()
    {
        var (first, firstHash) = await CreateAsync(_factory);
        var rotated = await (await _factory.ClientFor(FillmoreFactory.Admin).PostAsync("/api/v1/admin/encryption/rotate", null)).JsonAsync();
        Assert.Equal(1, rotated.GetProperty("reencrypted").GetInt32());
        var (second, secondHash) = await CreateAsync(_factory);
        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientFor(first.Str("key")).GetAsync("/api/v1/orders")).StatusCode);

        var files = new[] { _factory.DatabasePath, _factory.DatabasePath + "-wal" }.Where(File.Exists)
            .Select(ReadWhileOpen).ToList();
        Assert.Equal(2, files.Count);
        var all = files.SelectMany(b => b).ToArray();
        Assert.True(Contains(all, first.Str("id")) && Contains(all, second.Str("id")), "the scan finds the public prefixes");
        foreach (var secret in new[] { Label, firstHash, secondHash, first.Str("key"), second.Str("key") })
            Assert.False(Contains(all, secret), $"'{secret}' is in the database files in clear");
    }

    [Fact]
    public async Task The_rotation_moves_every_value_to_a_new_data_key_online_and_keys_keep_working()
    {
        var (key, _) = await CreateAsync(_factory);
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        var before = await admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/encryption");
        var rotated = await (await admin.PostAsync("/api/v1/admin/encryption/rotate", null)).JsonAsync();

        var current = rotated.Str("current_data_key_id");
        Assert.NotEqual(before.Str("current_data_key_id"), current);
        var uses = rotated.GetProperty("data_keys").EnumerateArray().ToDictionary(k => k.Str("id"), k => k.GetProperty("values").GetInt32());
        Assert.Equal((0, 2), (uses[before.Str("current_data_key_id")], uses[current]));   // the hash and the label
        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientFor(key.Str("key")).GetAsync("/api/v1/orders")).StatusCode);
        var entries = await _factory.ClientFor(FillmoreFactory.Compliance).GetFromJsonAsync<JsonElement>("/api/v1/audit?action=DATA_REENCRYPTED");
        Assert.Contains(current, Assert.Single(entries.GetProperty("data").EnumerateArray()).Str("reason"));
    }

    [Fact]
    public async Task A_wrong_master_key_stops_the_start_and_a_new_one_takes_over_through_the_previous_one()
    {
        var old = MasterKeyFile(_factory.DataDir, "old.key");
        _factory.Settings["Fillmore:Encryption:MasterKeyFile"] = old;
        var (key, _) = await CreateAsync(_factory);
        _factory.Dispose();
        var replacement = MasterKeyFile(_factory.DataDir, "new.key");

        using (var wrong = Restarted(replacement))
        {
            var refused = Assert.ThrowsAny<OptionsValidationException>(() => wrong.CreateClient());
            Assert.Contains("does not open the data keys", refused.Message);
        }
        using (var both = Restarted(replacement, previous: old))
            Assert.Equal(HttpStatusCode.OK, (await both.ClientFor(key.Str("key")).GetAsync("/api/v1/orders")).StatusCode);
        using (var alone = Restarted(replacement))
            Assert.Equal(HttpStatusCode.OK, (await alone.ClientFor(key.Str("key")).GetAsync("/api/v1/orders")).StatusCode);
        using var stale = Restarted(old);
        Assert.ThrowsAny<OptionsValidationException>(() => stale.CreateClient());
    }

    private FillmoreFactory Restarted(string master, string? previous = null)
    {
        var f = new FillmoreFactory(_factory.DataDir, time: _factory.Time);
        f.Settings["Fillmore:Encryption:MasterKeyFile"] = master;
        if (previous is not null) f.Settings["Fillmore:Encryption:PreviousMasterKeyFile"] = previous;
        return f;
    }

    [Fact]
    public async Task A_key_whose_stored_value_was_changed_authenticates_nowhere_and_the_other_keys_still_work()
    {
        var (damaged, _) = await CreateAsync(_factory);
        var (intact, _) = await CreateAsync(_factory);
        _factory.Dispose();
        using (var db = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=False"))
        {
            await db.OpenAsync();
            using var cmd = db.CreateCommand();
            // A byte of the ciphertext flipped: the GCM tag no longer matches.
            cmd.CommandText = "UPDATE api_keys SET key_sha256 = substr(key_sha256, 1, length(key_sha256) - 6) || "
                + "CASE substr(key_sha256, -6, 1) WHEN 'A' THEN 'B' ELSE 'A' END || substr(key_sha256, -5) WHERE prefix = $p";
            cmd.Parameters.AddWithValue("$p", damaged.Str("id"));
            Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
        }

        using var restarted = Restarted(Path.Combine(_factory.DataDir, "master.key"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await restarted.ClientFor(damaged.Str("key")).GetAsync("/api/v1/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await restarted.ClientFor(intact.Str("key")).GetAsync("/api/v1/orders")).StatusCode);
    }

    [Fact]
    public void Outside_Development_a_service_without_a_master_key_does_not_start()
    {
        _factory.Settings["Fillmore:Auth:ApiKeys:0:User"] = "admin";
        _factory.Settings["Fillmore:Auth:ApiKeys:0:Role"] = "admin";
        _factory.Settings["Fillmore:Auth:ApiKeys:0:KeySha256"] = new string('0', 64);
        using var production = _factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var refused = Assert.ThrowsAny<OptionsValidationException>(() => production.CreateClient());
        Assert.Contains("No master key", refused.Message);
    }

    [PostgresFact]
    public async Task No_encrypted_field_is_in_the_PostgreSQL_tables_pages_in_clear()
    {
        await using var database = await PostgresServer.CreateDatabaseAsync();
        using var factory = new FillmoreFactory();
        factory.Settings["Fillmore:Store:Provider"] = "postgres";
        factory.Settings["Fillmore:Store:PostgresConnectionString"] = database.AppConnectionString;
        factory.Settings["Fillmore:Store:PostgresMigrationConnectionString"] = database.AdminConnectionString;
        var (key, hash) = await CreateAsync(factory);
        await factory.ClientFor(FillmoreFactory.Admin).PostAsync("/api/v1/admin/encryption/rotate", null);

        var admin = PostgresServer.Unpooled(database.AdminConnectionString, null);
        await PostgresServer.ExecuteAsync(admin, "CHECKPOINT");      // the table's pages on disk as they are now
        var dataDirectory = (string)(await PostgresServer.ScalarAsync(admin, "SHOW data_directory"))!;
        var table = (string)(await PostgresServer.ScalarAsync(admin, "SELECT pg_relation_filepath('api_keys')"))!;
        var pages = await File.ReadAllBytesAsync(Path.Combine(dataDirectory, table));
        Assert.True(Contains(pages, key.Str("id")), "the scan finds the public prefix");
        foreach (var secret in new[] { Label, hash, key.Str("key") })
            Assert.False(Contains(pages, secret), $"'{secret}' is in the api_keys table's pages in clear");
    }
}
