// What CancelDecider decided about a trader's cancel: the API's answer, the change to commit, and
// who finishes the cancel.
namespace Fillmore.Core.Execution.Decisions;

public sealed record CancelRequest(CancelResult Result, Decision Decision, CancelFollowUp Then = CancelFollowUp.None);
