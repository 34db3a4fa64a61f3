// Chooses the execution path for a trader's next order. The host keeps the current flag (it
// can be switched at run time); Core only asks.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;

public interface IExecutionPathSelector
{
    ExecutionPath PathFor(TraderId trader);
}
