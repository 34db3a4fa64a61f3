// The answer of the transition table for one (status, trigger) pair.
namespace Fillmore.Core.Orders;

public enum TransitionKind
{
    /// <summary>The order moves to <see cref="Transition.To"/> (which may equal the current status, e.g. another partial fill).</summary>
    Move,
    /// <summary>Harmless and expected (a late duplicate acknowledgement): nothing changes, nothing is audited as an anomaly.</summary>
    Ignore,
    /// <summary>Not a legal move, with the code that says why. From the API: 409. From a venue: an anomaly, then reconciliation.</summary>
    Illegal,
}

public readonly record struct Transition(TransitionKind Kind, OrderStatus To, string? Code = null)
{
    public static Transition MoveTo(OrderStatus to) => new(TransitionKind.Move, to);
    public static Transition Ignore(OrderStatus current) => new(TransitionKind.Ignore, current);
    public static Transition Illegal(OrderStatus current, string code = ReasonCodes.IllegalTransition) => new(TransitionKind.Illegal, current, code);
}
