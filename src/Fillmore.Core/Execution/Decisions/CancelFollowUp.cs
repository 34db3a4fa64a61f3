// Who finishes an accepted cancel (see CancelDecider.Request): the venue now when the order works
// there, the reconciler when no one in this process holds it, otherwise whoever is sending it.
namespace Fillmore.Core.Execution.Decisions;

public enum CancelFollowUp
{
    None,
    /// <summary>Working at the venue: send the cancel there now.</summary>
    SendToVenue,
    /// <summary>Waiting to be sent and no one here is working on it (a restart, an order in doubt): reconcile
    /// it.</summary>
    AskReconciler,
}
