// What deciding an amend gave: the answer for the trader, the change to commit, and whether the
// replace is then sent to the venue.
namespace Fillmore.Core.Execution.Decisions;

public sealed record AmendRequest(AmendResult Result, Decision Decision, bool SendReplace = false)
{
    public static AmendRequest Refused(AmendResult result) => new(result, Decision.Nothing);
}
