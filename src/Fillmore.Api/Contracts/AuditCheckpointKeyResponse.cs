// GET /api/v1/audit/checkpoints/key: the key this node signs checkpoints with, to keep beside them
// and pass to `verify-audit --public-key` (a checkpoint's own key proves only that it is intact).
namespace Fillmore.Api.Contracts;

public sealed record AuditCheckpointKeyResponse(string KeyId, string PublicKey, string PublicKeyPem);
