// What recording the venue's answer to one attempt decided, and what the sender does next.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Ports;

public sealed record SendOutcome(Decision Decision, SendNext Next)
{
    public TimeSpan RetryIn { get; init; }
    /// <summary>The report decided with the acknowledgement, when it changed the order (it is logged).</summary>
    public ExecutionReport? JoinedReport { get; init; }
    /// <summary>The joined report's cumulative quantity is ahead of the fills on record: reconcile the order.</summary>
    public bool GapAfterJoin { get; init; }
}
