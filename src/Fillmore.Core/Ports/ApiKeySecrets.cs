// The encrypted columns of API keys (the key's hash, the label) written again under the current
// data key, by prefix, nothing else of the row: a re-encryption can run beside revocations and
// rotations on other nodes without undoing them.
namespace Fillmore.Core.Ports;

/// <param name="Keys">Each key's prefix with its KeySha256 and Label as they are to be stored.</param>
public sealed record ApiKeySecrets(IReadOnlyList<ApiKeyRecord> Keys, IReadOnlyList<Audit.AuditRecord> Audit)
    : IStoreChange;
