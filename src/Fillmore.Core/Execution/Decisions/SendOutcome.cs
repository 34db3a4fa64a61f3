// What recording the venue's answer to one attempt decided, and what the sender does next.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Ports;

public enum SendNext
{
    /// <summary>Nothing more to send for this order.</summary>
    Done,
    /// <summary>Re-send after RetryIn (the venue is asked first).</summary>
    Retry,
    /// <summary>The attempts ran out unclear: ask the venue one last time, then decide.</summary>
    FinalCheck,
    /// <summary>Acknowledged while the trader's cancel waited for it: send the cancel now.</summary>
    SendCancel,
}

public sealed record SendOutcome(Decision Decision, SendNext Next)
{
    public TimeSpan RetryIn { get; init; }
    /// <summary>The report decided with the acknowledgement, when it changed the order (it is logged).</summary>
    public ExecutionReport? JoinedReport { get; init; }
    /// <summary>The joined report's cumulative quantity is ahead of the fills on record: reconcile the order.</summary>
    public bool GapAfterJoin { get; init; }
}
