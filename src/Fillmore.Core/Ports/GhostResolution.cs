// How a ghost order was closed. Stable names: the API and the store show them.
namespace Fillmore.Core.Ports;

public enum GhostResolution
{
    /// <summary>The venue no longer has it open (filled, cancelled, expired or gone), not at Fillmore's
    /// request.</summary>
    EndedAtVenue,
    /// <summary>Cancelled at the venue at an administrator's request.</summary>
    Cancelled,
    /// <summary>An administrator reviewed it and dismissed it, with a reason; it is not reopened.</summary>
    Dismissed,
}
