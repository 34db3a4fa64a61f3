// The wrapped data keys of the encryption at rest, shared by every node through the store.
namespace Fillmore.Core.Ports;

public interface IDataKeyStore
{
    /// <summary>Every data key, oldest first.</summary>
    Task<IReadOnlyList<DataKeyRecord>> ListDataKeysAsync(CancellationToken ct = default);
}
