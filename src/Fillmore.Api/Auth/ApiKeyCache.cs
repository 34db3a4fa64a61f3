// This node's copy of the stored API keys, which every request is checked against (a read of the
// store per request would cost more than the request). A change made through this node is put
// here when it commits; changes made through other nodes arrive with the next reload
// (ApiKeyRefresher, twice a second), which is how a revocation reaches every node within a second.
// Uses are noted here and written by the refresher, at most once a minute per key.
namespace Fillmore.Api.Auth;

using System.Collections.Concurrent;
using System.Collections.Frozen;
using Fillmore.Core.Ports;

public sealed class ApiKeyCache
{
    /// <summary>How stale a key's stored last use may get.</summary>
    public static readonly TimeSpan UseResolution = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _uses = new(StringComparer.Ordinal);
    private readonly Lock _write = new();
    private FrozenDictionary<string, ApiKeyRecord> _keys = FrozenDictionary<string, ApiKeyRecord>.Empty;

    public ApiKeyRecord? Find(string prefix) => _keys.GetValueOrDefault(prefix);

    public IReadOnlyCollection<ApiKeyRecord> All => _keys.Values;

    /// <summary>Replaces the whole copy with what the store holds now.</summary>
    public void Replace(IEnumerable<ApiKeyRecord> stored)
    {
        lock (_write) _keys = stored.ToFrozenDictionary(k => k.Prefix, StringComparer.Ordinal);
    }

    /// <summary>Puts keys this node has just committed.</summary>
    public void Put(IEnumerable<ApiKeyRecord> committed)
    {
        lock (_write)
        {
            var keys = new Dictionary<string, ApiKeyRecord>(_keys, StringComparer.Ordinal);
            foreach (var key in committed) keys[key.Prefix] = key;
            _keys = keys.ToFrozenDictionary(StringComparer.Ordinal);
        }
    }

    /// <summary>Notes that <paramref name="key"/> authenticated a request at <paramref name="now"/>.</summary>
    public void NoteUse(ApiKeyRecord key, DateTimeOffset now)
    {
        if (key.LastUsedAt is { } last && now - last < UseResolution) return;
        _uses[key.Prefix] = now;
    }

    /// <summary>The uses noted since the last call, to be written.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> TakeUses()
    {
        var taken = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var prefix in _uses.Keys)
            if (_uses.TryRemove(prefix, out var at)) taken[prefix] = at;
        return taken;
    }
}
