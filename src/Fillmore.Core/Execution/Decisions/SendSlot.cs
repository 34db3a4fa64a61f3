// Why a send worker picked an order up: queued by this process and never sent (Fresh, attempt 0),
// or due for re-send number Attempt after an unclear answer. Neither (not Fresh, attempt 0) is a
// stale entry: the order was queued twice, or taken over since. Sending: this process has a
// request for the order on the wire right now (a second worker must not send another).
namespace Fillmore.Core.Execution.Decisions;

public readonly record struct SendSlot(bool Fresh, int Attempt, bool Sending = false);
