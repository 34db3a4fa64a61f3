// The answer of an order to a trigger: it moved (Applied, with the new order), the table says the
// trigger changes nothing (Ignored: a late duplicate acknowledgement), or the move is not legal
// (Illegal, with a stable code: from the API a 409 with that code, from a venue an ANOMALY entry).
namespace Fillmore.Core.Orders;

public abstract record TransitionResult
{
    private TransitionResult() { }

    /// <summary>The order as it is after the answer (unchanged unless Applied).</summary>
    public abstract Order Order { get; }

    public sealed record Applied(Order Moved) : TransitionResult
    {
        public override Order Order => Moved;
    }

    public sealed record Ignored(Order Unchanged) : TransitionResult
    {
        public override Order Order => Unchanged;
    }

    public sealed record Illegal(Order Unchanged, string Code, string Message) : TransitionResult
    {
        public override Order Order => Unchanged;
    }
}
