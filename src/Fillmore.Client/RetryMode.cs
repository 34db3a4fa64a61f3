// Whether a call may be sent again after a failure whose outcome is unknown (a lost answer, a 5xx).
namespace Fillmore.Client;

internal enum RetryMode
{
    /// <summary>Repeating it cannot do anything twice: reads, PUTs, cancels, a submit with its client order
    /// id.</summary>
    Idempotent,
    /// <summary>Sent once: an amend, a retry, an acknowledgement. A failure is handed to the caller to
    /// decide.</summary>
    Once,
}
