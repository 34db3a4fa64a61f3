// What the sender does after an attempt's answer is recorded (SendOutcome.Next).
namespace Fillmore.Core.Execution.Decisions;

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
