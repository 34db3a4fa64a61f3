// The API keys created through the admin API, as stored (hashes only). Every node reads them from
// the shared store, so a key created or revoked on one node is known to all of them (ApiKeyCache).
// Writes are ApiKeyChange and ApiKeyUse, committed through IOrderStore.CommitAsync.
namespace Fillmore.Core.Ports;

public interface IApiKeyStore
{
    /// <summary>Every key ever created, revoked and expired ones included, oldest first.</summary>
    Task<IReadOnlyList<ApiKeyRecord>> ListApiKeysAsync(CancellationToken ct = default);
}
