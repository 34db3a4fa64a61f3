// Everything an administrator's resolution of a ghost order (cancel at the venue, dismiss) can end
// in. The API maps each case to one HTTP answer.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Ports;

public abstract record GhostResult
{
    private GhostResult() { }

    /// <summary>Resolved: the ghost is closed (200).</summary>
    public sealed record Closed(Ghost Ghost) : GhostResult;

    /// <summary>The venue took the cancel; the ghost closes once the venue no longer has it open (202).</summary>
    public sealed record CancelPending(Ghost Ghost) : GhostResult;

    public sealed record NotFound : GhostResult;

    /// <summary>The ghost was closed already: nothing to resolve (409).</summary>
    public sealed record AlreadyClosed(Ghost Ghost) : GhostResult;

    /// <summary>The request lacks what it needs (400), e.g. a dismissal without a reason.</summary>
    public sealed record Invalid(Risk.RuleViolation Problem) : GhostResult;

    /// <summary>The venue refused the cancel and still has the order open (409).</summary>
    public sealed record CancelRefused(Ghost Ghost, string Code, string Reason) : GhostResult;

    /// <summary>The venue gave no clear answer to the cancel (503); reconciliation closes the ghost if it did
    /// cancel it.</summary>
    public sealed record VenueUnavailable(Ghost Ghost, string Reason) : GhostResult;
}
