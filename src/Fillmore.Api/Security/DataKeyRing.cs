// The data keys, between the store (wrapped under the master key) and FieldCipher (in memory).
// At start-up every stored data key is unwrapped with the master key; one wrapped under the
// previous master key is unwrapped with that one and re-wrapped under the current one (that is the
// master key's rotation: restart with both, then with the new one only); a store without data keys
// gets its first. A key that opens none of them is refused with a message that says so, rather
// than a service that would fail on every encrypted value. Later, a data key another node created
// is loaded when a value names it (EnsureAsync), and RotateAsync makes a new current data key.
namespace Fillmore.Api.Security;

using System.Security.Cryptography;
using Fillmore.Core.Audit;
using Fillmore.Core.Ports;

public sealed class DataKeyRing(FieldCipher cipher, IDataKeyStore keys, IOrderStore store, MasterKey master,
    TimeProvider time)
{
    private readonly SemaphoreSlim _loading = new(1, 1);

    public MasterKey Master => master;

    public static async Task<DataKeyRing> OpenAsync(FieldCipher cipher, IDataKeyStore keys, IOrderStore store,
        MasterKey master, MasterKey? previous, TimeProvider time, CancellationToken ct)
    {
        var ring = new DataKeyRing(cipher, keys, store, master, time);
        var stored = await keys.ListDataKeysAsync(ct).ConfigureAwait(false);
        if (stored.Count == 0)
        {
            await ring.CreateAsync(null, ct).ConfigureAwait(false);
            return ring;
        }
        var unopened = stored.Where(k => k.MasterKeyId != master.Id && k.MasterKeyId != previous?.Id).ToList();
        if (unopened.Count > 0)
            throw MasterKeySource.Refused($"The master key (id {master.Id}) does not open the data keys "
                + $"{string.Join(", ", unopened.Select(k => $"{k.Id} (wrapped under master key {k.MasterKeyId})"))}. "
                + "Start with the master key they were made under; to replace it, give the old one as "
                + "FILLMORE_PREVIOUS_MASTER_KEY_FILE and the new one as FILLMORE_MASTER_KEY_FILE (docs/security.md).");
        var rewrapped = new List<DataKeyRecord>();
        foreach (var k in stored)
        {
            var key = Unwrap(k.MasterKeyId == master.Id ? master : previous!, k);
            cipher.Add([(k.Id, key)], null);
            if (k.MasterKeyId != master.Id)
                rewrapped.Add(k with { Wrapped = master.Wrap(k.Id, key), MasterKeyId = master.Id });
        }
        cipher.Add([], stored[^1].Id);
        if (rewrapped.Count > 0)
            await ring.CommitAsync(rewrapped, $"Data keys {string.Join(", ", rewrapped.Select(k => k.Id))} re-wrapped "
                + $"under master key {master.Id} (from {previous!.Id}).", Actor.System, ct).ConfigureAwait(false);
        return ring;
    }

    /// <summary>Makes a new data key, the one new values are encrypted with from now on. An administrator's
    /// (<paramref name="admin"/>) is a control entry; a new store's first key, made by the start-up, is not an
    /// action anyone took and is not.</summary>
    public async Task<string> CreateAsync(string? admin, CancellationToken ct)
    {
        var id = "dk_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var key = RandomNumberGenerator.GetBytes(32);
        var record = new DataKeyRecord(id, master.Wrap(id, key), master.Id, time.GetUtcNow());
        await CommitAsync([record], admin is null ? null
            : $"Data key {id} created under master key {master.Id} by {admin}.", Actor.Admin, ct).ConfigureAwait(false);
        cipher.Add([(id, key)], id);
        return id;
    }

    /// <summary>Loads data keys named by <paramref name="stored"/> values that this node does not hold yet.</summary>
    public async Task EnsureAsync(IEnumerable<string?> stored, CancellationToken ct)
    {
        if (stored.Select(s => s is null ? null : FieldCipher.KeyIdOf(s)).All(id => id is null || cipher.Knows(id)))
            return;
        await _loading.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var all = await keys.ListDataKeysAsync(ct).ConfigureAwait(false);
            cipher.Add(all.Where(k => !cipher.Knows(k.Id) && k.MasterKeyId == master.Id)
                .Select(k => (k.Id, Unwrap(master, k))).ToList(),
                all.LastOrDefault(k => k.MasterKeyId == master.Id)?.Id);
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task CommitAsync(IReadOnlyList<DataKeyRecord> records, string? reason, Actor actor,
        CancellationToken ct)
    {
        IReadOnlyList<AuditRecord> entries = reason is null ? []
            : [AuditRecord.Control(AuditAction.DataKeyCreated, AuditRecord.Everyone, "*", actor, time.GetUtcNow(),
                reason, null)];
        var result = await store.CommitAsync(new DataKeyChange(records, entries), ct).ConfigureAwait(false);
        if (!result.Ok) throw new InvalidOperationException($"The store refused a data key: {result.Status}.");
    }

    private static byte[] Unwrap(MasterKey master, DataKeyRecord k)
    {
        try { return master.Unwrap(k.Id, k.Wrapped); }
        catch (Exception e) when (e is AuthenticationTagMismatchException or FormatException)
        {
            throw MasterKeySource.Refused($"The data key {k.Id} does not open with master key {master.Id} although "
                + "it is recorded under it: the stored key was changed. Restore it from a backup (docs/security.md).");
        }
    }
}
