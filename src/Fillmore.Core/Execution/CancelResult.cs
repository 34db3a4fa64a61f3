// Everything a trader's cancel can end in. The API maps each case to one HTTP answer.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;

public abstract record CancelResult
{
    private CancelResult() { }

    /// <summary>The cancel is recorded: PENDING_CANCEL (202) or already CANCELLED (200).</summary>
    public sealed record Accepted(Order Order) : CancelResult;

    public sealed record NotFound : CancelResult;

    /// <summary>The order's status takes no cancel (409 with the transition table's code,
    /// ORDER_NOT_CANCELLABLE).</summary>
    public sealed record NotCancellable(Order Order, string Code) : CancelResult;
}
