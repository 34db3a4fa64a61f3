// Everything a submission can end in. The API maps each case to one HTTP answer.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public abstract record SubmitResult
{
    private SubmitResult() { }

    /// <summary>Persisted as PENDING_SUBMIT (or HELD) with its exits, and queued for the venue (201).</summary>
    public sealed record Created(Order Order) : SubmitResult
    {
        /// <summary>Every order the submission created, the order first (its exits after it).</summary>
        public IReadOnlyList<Order> Family { get; init; } = [Order];
    }

    /// <summary>Same client order id, same order: the original (200).</summary>
    public sealed record Replayed(Order Order) : SubmitResult;

    /// <summary>Malformed (400). Nothing was persisted.</summary>
    public sealed record Invalid(IReadOnlyList<RuleViolation> Errors) : SubmitResult;

    /// <summary>Refused by a risk rule (422). Persisted as DENIED with its reasons, never sent.</summary>
    public sealed record Denied(Order Order, IReadOnlyList<RuleViolation> Errors) : SubmitResult;

    /// <summary>Same client order id, different order (409).</summary>
    public sealed record ClientOrderIdReused(Order Existing) : SubmitResult;
}

public abstract record CancelResult
{
    private CancelResult() { }

    /// <summary>The cancel is recorded: PENDING_CANCEL (202) or already CANCELLED (200).</summary>
    public sealed record Accepted(Order Order) : CancelResult;

    public sealed record NotFound : CancelResult;

    /// <summary>The order's status takes no cancel (409 with the transition table's code, ORDER_NOT_CANCELLABLE).</summary>
    public sealed record NotCancellable(Order Order, string Code) : CancelResult;
}

/// <summary>What a trader's retry or acknowledgement of a FAILED order ended in.</summary>
public abstract record RecoveryResult
{
    private RecoveryResult() { }

    /// <summary>Re-sent under the same id (202), or the venue had it after all and its state was adopted (200).</summary>
    public sealed record Done(Order Order) : RecoveryResult;

    public sealed record NotFound : RecoveryResult;

    /// <summary>Not FAILED, or already acknowledged (409 with the transition table's code).</summary>
    public sealed record NotAllowed(Order Order, string Code, string Message) : RecoveryResult;

    /// <summary>The re-sent order would break a risk rule now (422).</summary>
    public sealed record Denied(Order Order, IReadOnlyList<Risk.RuleViolation> Errors) : RecoveryResult;

    /// <summary>The venue could not be asked whether it has the order, so nothing was sent (503).</summary>
    public sealed record VenueUnavailable(string Reason) : RecoveryResult;
}
