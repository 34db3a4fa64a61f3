// Order statuses (docs/order-lifecycle.md). Unknown: a status a newer service sends that this client
// does not know yet; treat it as "not finished".
namespace Fillmore.Client;

public enum OrderStatus
{
    Unknown,
    PendingSubmit,
    Pending,
    Partial,
    Filled,
    PendingCancel,
    Cancelled,
    Rejected,
    Denied,
    Expired,
    Failed,
    Held,
}
