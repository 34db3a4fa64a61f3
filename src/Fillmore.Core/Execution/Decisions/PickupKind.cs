// The kinds of pickup (see SendDecider.Pickup): send it, cancel it locally, ask the venue, stop
// it because a halt is in force, or leave it.
namespace Fillmore.Core.Execution.Decisions;

public enum PickupKind
{
    /// <summary>Waiting to be sent: send it now.</summary>
    Send,
    /// <summary>The trader cancelled it before this process ever sent it: cancelled locally (the decision).</summary>
    CancelUnsent,
    /// <summary>Cancelled between attempts: an earlier attempt may have arrived, so the venue is asked.</summary>
    AskVenue,
    /// <summary>A halt is in force and it was never sent: FAILED with the halt's code (the decision), nothing
    /// sent.</summary>
    Halted,
    /// <summary>A halt is in force and an earlier attempt may have arrived: not sent again; the venue is asked one last
    /// time (adopted, FAILED, or in doubt).</summary>
    FinalCheck,
    /// <summary>No longer waiting to be sent (answered meanwhile, or another node's).</summary>
    Leave,
}
