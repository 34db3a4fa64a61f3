// Everything a trader's retry or acknowledgement of a FAILED order can end in. The API maps each
// case to one HTTP answer.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;

/// <summary>What a trader's retry or acknowledgement of a FAILED order ended in.</summary>
public abstract record RecoveryResult
{
    private RecoveryResult() { }

    /// <summary>Re-sent under the same id (<paramref name="Resent"/>: 202), or the venue had it after all and its
    /// state was adopted, or the order was closed out (200).</summary>
    public sealed record Done(Order Order, bool Resent = false) : RecoveryResult;

    public sealed record NotFound : RecoveryResult;

    /// <summary>Not FAILED, or already acknowledged (409 with the transition table's code).</summary>
    public sealed record NotAllowed(Order Order, string Code, string Message) : RecoveryResult;

    /// <summary>The re-sent order would break a risk rule now (422).</summary>
    public sealed record Denied(Order Order, IReadOnlyList<Risk.RuleViolation> Errors) : RecoveryResult;

    /// <summary>The venue could not be asked whether it has the order, so nothing was sent (503).</summary>
    public sealed record VenueUnavailable(string Reason) : RecoveryResult;
}
