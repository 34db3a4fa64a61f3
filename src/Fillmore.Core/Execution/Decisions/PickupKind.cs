// The kinds of pickup (see SendDecider.Pickup): send it, cancel it locally, ask the venue, or
// leave it.
namespace Fillmore.Core.Execution.Decisions;

public enum PickupKind
{
    /// <summary>Waiting to be sent: send it now.</summary>
    Send,
    /// <summary>The trader cancelled it before this process ever sent it: cancelled locally (the decision).</summary>
    CancelUnsent,
    /// <summary>Cancelled between attempts: an earlier attempt may have arrived, so the venue is asked.</summary>
    AskVenue,
    /// <summary>No longer waiting to be sent (answered meanwhile, or another node's).</summary>
    Leave,
}
