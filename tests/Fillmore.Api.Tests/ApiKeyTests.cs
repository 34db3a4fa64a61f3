// The API key lifecycle end to end on the real host (SQLite file, FakeTimeProvider): an admin
// creates a key (shown once, stored as an encrypted hash under its prefix), the key works with its scope's
// rights, shows its last use, expires, rotates with and without a grace period, is revoked, and
// survives a restart; each change is a control entry in the audit trail; every failure answers
// the same 401, whatever failed; and failed attempts are throttled per key prefix and per address.
namespace Fillmore.Api.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

public sealed class ApiKeyTests : IDisposable
{
    private readonly FillmoreFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> CreateAsync(FillmoreFactory f, object body)
    {
        var created = await f.ClientFor(FillmoreFactory.Admin).PostAsJsonAsync("/api/v1/admin/api-keys", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await created.JsonAsync();
    }

    private static Task<HttpResponseMessage> OrdersAsync(FillmoreFactory f, string key) =>
        f.ClientFor(key).GetAsync("/api/v1/orders");

    private static object Order => new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" };

    [Fact]
    public async Task A_created_key_is_shown_once_stored_as_a_hash_works_with_its_scope_and_shows_its_last_use()
    {
        var key = await CreateAsync(_factory, new { user = "alice", scope = "trade", label = "alice's bot" });
        var secret = key.Str("key");
        var id = key.Str("id");
        Assert.Matches("^fmk_[0-9a-f]{12}$", id);
        Assert.StartsWith(id + "_", secret);
        Assert.Equal(("alice", "trade", "alice's bot", "ACTIVE", "administrator admin"),
            (key.Str("user"), key.Str("scope"), key.Str("label"), key.Str("status"), key.Str("created_by")));

        Assert.Equal(HttpStatusCode.Created, (await _factory.ClientFor(secret).SubmitAsync(Order)).StatusCode);
        var listed = await _factory.ClientFor(FillmoreFactory.Admin).GetStringAsync("/api/v1/admin/api-keys");
        Assert.DoesNotContain(secret[(id.Length + 1)..], listed);
        Assert.DoesNotContain("\"key\"", listed);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(secret)));
        Assert.DoesNotContain(hash, listed);
        using (var db = new SqliteConnection($"Data Source={_factory.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            await db.OpenAsync();
            using var cmd = db.CreateCommand();
            cmd.CommandText = "SELECT key_sha256 FROM api_keys WHERE prefix = $p";
            cmd.Parameters.AddWithValue("$p", id);
            var stored = (string?)await cmd.ExecuteScalarAsync();
            Assert.StartsWith("enc:v1:dk_", stored);          // the hash itself is encrypted at rest (docs/security.md)
            Assert.DoesNotContain(hash, stored);
        }

        // The use is written by the refresher's next round.
        _factory.Time.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(async () => (await KeyAsync(_factory, id)).Str("last_used_at") != "",
            "the key's last use is stored and listed");
    }

    private static async Task<JsonElement> KeyAsync(FillmoreFactory f, string id) =>
        await f.ClientFor(FillmoreFactory.Admin).GetFromJsonAsync<JsonElement>($"/api/v1/admin/api-keys/{id}");

    [Fact]
    public async Task Each_scope_gets_its_role_and_a_read_only_key_reads_its_own_data_but_changes_nothing()
    {
        var readOnly = (await CreateAsync(_factory, new { user = "alice", scope = "read-only" })).Str("key");
        var compliance = (await CreateAsync(_factory, new { user = "carol", scope = "compliance" })).Str("key");
        var admin = (await CreateAsync(_factory, new { user = "root", scope = "admin" })).Str("key");

        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, readOnly)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientFor(readOnly).GetAsync("/api/v1/account")).StatusCode);
        var refused = await _factory.ClientFor(readOnly).SubmitAsync(Order);
        Assert.Equal((HttpStatusCode.Forbidden, "FORBIDDEN"), (refused.StatusCode, (await refused.JsonAsync()).Str("code")));
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientFor(readOnly).GetAsync("/api/v1/audit/verify")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientFor(compliance).GetAsync("/api/v1/audit/verify")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientFor(compliance).GetAsync("/api/v1/admin/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _factory.ClientFor(admin).GetAsync("/api/v1/admin/api-keys")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _factory.ClientFor(FillmoreFactory.Alice).GetAsync("/api/v1/admin/api-keys")).StatusCode);
    }

    [Fact]
    public async Task Revoked_expired_unknown_and_malformed_keys_all_get_the_same_401()
    {
        var revoked = await CreateAsync(_factory, new { user = "alice", scope = "trade" });
        var expiring = await CreateAsync(_factory, new
        {
            user = "bob", scope = "trade", expires_at = _factory.Time.GetUtcNow().AddHours(1).ToString("O"),
        });
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, expiring.Str("key"))).StatusCode);
        var revoke = await _factory.ClientFor(FillmoreFactory.Admin)
            .PostAsync($"/api/v1/admin/api-keys/{revoked.Str("id")}/revoke?reason=laptop%20lost", null);
        Assert.Equal("REVOKED", (await revoke.JsonAsync()).Str("status"));
        _factory.Time.Advance(TimeSpan.FromHours(2));
        Assert.Equal("EXPIRED", (await KeyAsync(_factory, expiring.Str("id"))).Str("status"));

        var secret = revoked.Str("key");
        var unknownPrefix = "fmk_000000000000" + secret[16..];
        var wrongSecret = secret[..17] + new string('A', secret.Length - 17);
        string[] presented = [secret, expiring.Str("key"), unknownPrefix, wrongSecret, "no-such-key", "fmk_"];
        var answers = new List<string>();
        foreach (var key in presented)
        {
            var response = await OrdersAsync(_factory, key);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            answers.Add(await response.Content.ReadAsStringAsync());
        }
        Assert.Single(answers.Distinct());
        Assert.Equal("UNAUTHENTICATED", JsonDocument.Parse(answers[0]).RootElement.Str("code"));
    }

    [Fact]
    public async Task Rotation_gives_a_new_key_and_the_old_one_stops_now_or_after_its_grace_period()
    {
        var first = await CreateAsync(_factory, new { user = "alice", scope = "trade", label = "bot" });
        var rotate = await _factory.ClientFor(FillmoreFactory.Admin)
            .PostAsync($"/api/v1/admin/api-keys/{first.Str("id")}/rotate?grace_seconds=60", null);
        Assert.Equal(HttpStatusCode.Created, rotate.StatusCode);
        var rotation = await rotate.JsonAsync();
        var second = rotation.GetProperty("key");
        Assert.Equal(("alice", "trade", "bot"), (second.Str("user"), second.Str("scope"), second.Str("label")));
        Assert.Equal(second.Str("id"), rotation.GetProperty("replaced").Str("replaced_by"));
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, first.Str("key"))).StatusCode);   // in its grace
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, second.Str("key"))).StatusCode);
        _factory.Time.Advance(TimeSpan.FromSeconds(61));
        Assert.Equal(HttpStatusCode.Unauthorized, (await OrdersAsync(_factory, first.Str("key"))).StatusCode);

        var third = (await (await _factory.ClientFor(FillmoreFactory.Admin)
            .PostAsync($"/api/v1/admin/api-keys/{second.Str("id")}/rotate", null)).JsonAsync()).GetProperty("key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await OrdersAsync(_factory, second.Str("key"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, third.Str("key"))).StatusCode);
        var again = await _factory.ClientFor(FillmoreFactory.Admin).PostAsync($"/api/v1/admin/api-keys/{second.Str("id")}/rotate", null);
        Assert.Equal((HttpStatusCode.Conflict, "API_KEY_REVOKED"), (again.StatusCode, (await again.JsonAsync()).Str("code")));
    }

    [Fact]
    public async Task Every_key_action_is_a_control_entry_naming_the_administrator_and_never_the_key()
    {
        var key = await CreateAsync(_factory, new { user = "alice", scope = "trade" });
        var admin = _factory.ClientFor(FillmoreFactory.Admin);
        var rotated = (await (await admin.PostAsync($"/api/v1/admin/api-keys/{key.Str("id")}/rotate", null)).JsonAsync())
            .GetProperty("key");
        await admin.PostAsync($"/api/v1/admin/api-keys/{rotated.Str("id")}/revoke?reason=left%20the%20desk", null);

        var compliance = _factory.ClientFor(FillmoreFactory.Compliance);
        foreach (var (action, names) in new[]
                 {
                     ("API_KEY_CREATED", key.Str("id")), ("API_KEY_ROTATED", rotated.Str("id")),
                     ("API_KEY_REVOKED", "left the desk"),
                 })
        {
            var page = await compliance.GetFromJsonAsync<JsonElement>($"/api/v1/audit?action={action}&trader_id=alice");
            var entry = Assert.Single(page.GetProperty("data").EnumerateArray());
            Assert.Equal(("ADMIN", "alice"), (entry.Str("actor"), entry.Str("trader_id")));
            Assert.Contains("administrator admin", entry.Str("reason"));
            Assert.Contains(names, entry.Str("reason"));
            Assert.DoesNotContain(key.Str("key")[17..], entry.GetRawText());
            Assert.DoesNotContain(rotated.Str("key")[17..], entry.GetRawText());
        }
        var verify = await compliance.GetFromJsonAsync<JsonElement>("/api/v1/audit/verify");
        Assert.True(verify.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task A_created_key_works_after_a_restart_and_a_revoked_one_stays_revoked()
    {
        var kept = await CreateAsync(_factory, new { user = "alice", scope = "trade" });
        var revoked = await CreateAsync(_factory, new { user = "bob", scope = "trade" });
        await _factory.ClientFor(FillmoreFactory.Admin).PostAsync($"/api/v1/admin/api-keys/{revoked.Str("id")}/revoke", null);
        _factory.Dispose();

        using var restarted = new FillmoreFactory(_factory.DataDir, time: _factory.Time);
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(restarted, kept.Str("key"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await OrdersAsync(restarted, revoked.Str("key"))).StatusCode);
    }

    [Theory]
    [InlineData("{\"scope\":\"trade\"}", "FIELD_REQUIRED", "user")]
    [InlineData("{\"user\":\"alice\",\"scope\":\"superuser\"}", "API_KEY_SCOPE_INVALID", "scope")]
    [InlineData("{\"user\":\"alice\",\"scope\":\"trade\",\"expires_at\":\"2020-01-01\"}", "API_KEY_EXPIRY_INVALID", "expires_at")]
    [InlineData("{\"user\":\"alice\",\"scope\":\"trade\",\"expires_at\":\"soon\"}", "API_KEY_EXPIRY_INVALID", "expires_at")]
    [InlineData("{\"user\":\"alice\",\"scope\":\"trade\",\"role\":\"admin\"}", "UNKNOWN_FIELD", "role")]
    [InlineData("{\"user\":\"alice\",\"scope\":\"trade\",\"scope\":\"admin\"}", "DUPLICATE_FIELD", "scope")]
    public async Task A_create_request_that_cannot_be_used_is_a_400_naming_the_field(string body, string code, string field)
    {
        var response = await _factory.ClientFor(FillmoreFactory.Admin).PostAsync("/api/v1/admin/api-keys",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var problem = await response.JsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.Str("code") == code && e.Str("field") == field);
        Assert.Empty((await _factory.ClientFor(FillmoreFactory.Admin).GetFromJsonAsync<JsonElement>("/api/v1/admin/api-keys"))
            .GetProperty("keys").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/admin/api-keys/fmk_000000000000", 404, "API_KEY_NOT_FOUND")]
    [InlineData("/api/v1/admin/api-keys/alice-demo-key", 400, "API_KEY_ID_INVALID")]
    [InlineData("/api/v1/admin/api-keys?user=a&user=b", 400, "DUPLICATE_FIELD")]
    public async Task Unknown_and_malformed_key_ids_are_problems(string path, int status, string code)
    {
        var response = await _factory.ClientFor(FillmoreFactory.Admin).GetAsync(path);
        var problem = await response.JsonAsync();
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, problem.GetProperty("errors")[0].Str("code"));
    }

    [Fact]
    public async Task Failed_attempts_with_one_key_prefix_pause_that_key_with_a_429_and_Retry_After_until_the_minute_ends()
    {
        _factory.Settings["Fillmore:Auth:FailedAttemptsPerKey"] = "3";
        var key = (await CreateAsync(_factory, new { user = "alice", scope = "trade" })).Str("key");
        var guess = key[..17] + new string('x', key.Length - 17);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await OrdersAsync(_factory, guess)).StatusCode);

        var paused = await OrdersAsync(_factory, key);     // the right key too: guessing cannot go on beside it
        Assert.Equal((HttpStatusCode.TooManyRequests, "AUTH_THROTTLED"), (paused.StatusCode, (await paused.JsonAsync()).Str("code")));
        Assert.Equal(TimeSpan.FromSeconds(60), paused.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, FillmoreFactory.Alice)).StatusCode);   // other keys work

        _factory.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, key)).StatusCode);
    }

    [Fact]
    public async Task Failed_attempts_from_one_address_pause_every_credential_from_it()
    {
        _factory.Settings["Fillmore:Auth:FailedAttemptsPerAddress"] = "5";
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await OrdersAsync(_factory, $"guess-{i}")).StatusCode);
        var paused = await OrdersAsync(_factory, FillmoreFactory.Alice);
        Assert.Equal(HttpStatusCode.TooManyRequests, paused.StatusCode);
        Assert.True(paused.Headers.RetryAfter!.Delta > TimeSpan.Zero);
        _factory.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await OrdersAsync(_factory, FillmoreFactory.Alice)).StatusCode);
    }
}
