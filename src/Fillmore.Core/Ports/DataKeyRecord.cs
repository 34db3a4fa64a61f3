// One data key of the encryption at rest (docs/security.md): the AES-256 key that encrypts values,
// stored only wrapped (AES-256-GCM) under the master key, which never enters the store. The
// master key's id says which master key wraps it, so that a wrong master key is told apart from a
// damaged data key at start-up.
namespace Fillmore.Core.Ports;

/// <param name="Id">Named in every value it encrypts (e.g. dk_3f9a1c2b).</param>
/// <param name="Wrapped">base64 of nonce, ciphertext and tag of the data key under the master key.</param>
/// <param name="MasterKeyId">The id of the master key that wraps it.</param>
public sealed record DataKeyRecord(string Id, string Wrapped, string MasterKeyId, DateTimeOffset CreatedAt);
