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
