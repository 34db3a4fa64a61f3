// The answer of the transition table for one (status, trigger) pair.
namespace Fillmore.Core.Orders;

public readonly record struct Transition(TransitionKind Kind, OrderStatus To, string? Code = null)
{
    public static Transition MoveTo(OrderStatus to) => new(TransitionKind.Move, to);
    public static Transition Ignore(OrderStatus current) => new(TransitionKind.Ignore, current);
    public static Transition Illegal(OrderStatus current, string code = ReasonCodes.IllegalTransition) =>
        new(TransitionKind.Illegal, current, code);
}
