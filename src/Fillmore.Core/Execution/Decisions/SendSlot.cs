// Why a send worker picked an order up: queued by this process and never sent (Fresh, attempt 0),
// or due for re-send number Attempt after an unclear answer.
namespace Fillmore.Core.Execution.Decisions;

public readonly record struct SendSlot(bool Fresh, int Attempt);
