// What a decider concluded about one order: a change to commit, nothing to do, or an anomaly
// (what the venue said and the transition table refused, kept as an audit-only change with its
// code, never forced onto the order). Deciders are pure: same inputs, same decision.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Ports;

public abstract record Decision
{
    private Decision() { }

    public static Decision Nothing { get; } = new None();

    /// <summary>What to commit (null: nothing).</summary>
    public abstract OrderChange? Change { get; }

    public sealed record Commit(OrderChange Changed) : Decision
    {
        public override OrderChange Change => Changed;
    }

    public sealed record None : Decision
    {
        public override OrderChange? Change => null;
    }

    public sealed record Anomaly(OrderChange Recorded, string Code) : Decision
    {
        public override OrderChange Change => Recorded;
    }

    /// <summary>This decision as OrderMutator.MutateAsync takes it: its change, and itself as the result.</summary>
    public Decided<Decision> AsDecided() => new(Change, this);

    /// <summary>A change that may be empty: an empty one is Nothing.</summary>
    public static Decision Of(OrderChange change) => change.IsEmpty ? Nothing : new Commit(change);
}
