// The chain checked against checkpoints: the combined verdict (the chain's own when it is broken;
// otherwise intact, or broken where a checkpoint shows it), how many checkpoints were used, the one
// that decided (the latest when all hold, the failing one otherwise), and, when a checkpoint itself
// could not be used, why (a stable code) instead of a verdict drawn from it.
namespace Fillmore.Core.Audit;

public sealed record AuditCheckpointVerdict(
    AuditVerification Verification,
    int Checkpoints,
    AuditCheckpoint? Deciding,
    CheckpointUnusable? Unusable)
{
    public static AuditCheckpointVerdict NotUsable(AuditVerification chain, AuditCheckpoint checkpoint, string code,
        string detail) => new(chain, 0, checkpoint, new CheckpointUnusable(code, detail));
}
