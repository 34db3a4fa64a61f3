// The kinds of answer the transition table gives: move, ignore, or refuse with a code.
namespace Fillmore.Core.Orders;

public enum TransitionKind
{
    /// <summary>The order moves to <see cref="Transition.To"/> (which may equal the current status, e.g. another
    /// partial fill).</summary>
    Move,
    /// <summary>Harmless and expected (a late duplicate acknowledgement): nothing changes, nothing is audited as an
    /// anomaly.</summary>
    Ignore,
    /// <summary>Not a legal move, with the code that says why. From the API: 409. From a venue: an anomaly, then
    /// reconciliation.</summary>
    Illegal,
}
