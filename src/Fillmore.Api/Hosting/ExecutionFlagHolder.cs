// Holds the current ORDER_EXECUTION_V2_ENABLED value. An administrator can switch it at run time
// (PUT /api/v1/admin/execution-flag); switching it off moves every trader's next order to the
// legacy path at once.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Execution;
using Fillmore.Core.Orders;

public sealed class ExecutionFlagHolder(ExecutionFlag initial) : IExecutionPathSelector
{
    private volatile ExecutionFlag _current = initial;

    public ExecutionFlag Current
    {
        get => _current;
        set => _current = value;
    }

    public ExecutionPath PathFor(TraderId trader) => _current.PathFor(trader);
}
