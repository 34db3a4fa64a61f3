// Why a checkpoint proves nothing: its signature does not hold, or it is signed by a key that is
// not the trusted one.
namespace Fillmore.Core.Audit;

public sealed record CheckpointUnusable(string Code, string Detail);
