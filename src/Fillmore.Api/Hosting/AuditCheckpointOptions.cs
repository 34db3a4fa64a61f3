// Audit checkpoints (section "Fillmore:Audit"; FILLMORE_AUDIT_CHECKPOINT_KEY and
// FILLMORE_AUDIT_CHECKPOINT_INTERVAL override). docs/audit.md, "Checkpoints".
namespace Fillmore.Api.Hosting;

public sealed class AuditCheckpointOptions
{
    /// <summary>How often the chain's head is signed while it grows; zero turns checkpoints off.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The signing key: a PEM file holding an ECDSA P-256 private key. Unset: a key is created on first
    /// start beside the SQLite database (./data for PostgreSQL), which suits one machine and a demo; give every
    /// node of a production service the same key from a secret store.</summary>
    public string? CheckpointKeyFile { get; set; }
}
