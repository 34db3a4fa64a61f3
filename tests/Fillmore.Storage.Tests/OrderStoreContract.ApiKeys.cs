// The API keys' contract (IApiKeyStore), on every provider: a key change writes the keys and its
// audit entries in one commit, a later change replaces every column but the last use, the last
// use only moves forward, and everything survives a reopen.
namespace Fillmore.Storage.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public abstract partial class OrderStoreContract
{
    private IApiKeyStore Keys => (IApiKeyStore)Store;

    private static ApiKeyRecord Key(string prefix, string user = "alice") => new(prefix, new string('a', 64),
        new TraderId(user), "trade", "bot", T0, "administrator admin", T0.AddDays(90), null, null, null);

    private static AuditRecord KeyEntry(AuditAction action, string prefix) => AuditRecord.Control(action,
        new TraderId("alice"), "*", Actor.Admin, T0, $"API key {prefix} changed by administrator admin.", null);

    [StoreFact]
    public async Task A_key_change_stores_the_keys_with_their_audit_entries_and_replaces_all_but_the_last_use()
    {
        var first = Key("fmk_000000000001");
        Assert.True((await Store.CommitAsync(new ApiKeyChange([first],
            [KeyEntry(AuditAction.ApiKeyCreated, first.Prefix)]))).Ok);
        Assert.True((await Store.CommitAsync(new ApiKeyUse(new Dictionary<string, DateTimeOffset>
            { [first.Prefix] = T0.AddMinutes(5) }))).Ok);
        await Store.CommitAsync(new ApiKeyUse(new Dictionary<string, DateTimeOffset> { [first.Prefix] = T0.AddMinutes(1) }));
        var revoked = first with { RevokedAt = T0.AddMinutes(9), ReplacedBy = "fmk_000000000002", LastUsedAt = null };
        var second = Key("fmk_000000000002") with { CreatedAt = T0.AddMinutes(9), ExpiresAt = null, Label = null };
        await Store.CommitAsync(new ApiKeyChange([revoked, second], [KeyEntry(AuditAction.ApiKeyRotated, second.Prefix)]));

        var stored = await Keys.ListApiKeysAsync();
        Assert.Equal([revoked with { LastUsedAt = T0.AddMinutes(5) }, second], stored);
        var audit = await Store.ListAuditAsync(new AuditQuery(null, null, null, null, null, null, 0, 10));
        Assert.Equal([AuditAction.ApiKeyCreated, AuditAction.ApiKeyRotated], audit.Select(e => e.Record.Action));

        await CloseAsync(Store);
        Store = await OpenAsync(reopen: true);
        Assert.Equal(stored, await Keys.ListApiKeysAsync());
    }
}
