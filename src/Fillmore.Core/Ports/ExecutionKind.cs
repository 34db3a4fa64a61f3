// What a venue's execution report is about: a fill, the end of the order at the venue, or a
// refused cancel.
namespace Fillmore.Core.Ports;

public enum ExecutionKind { Fill, Cancelled, CancelRejected, Rejected, Expired, Replaced, ReplaceRejected }
