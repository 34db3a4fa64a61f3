// Collects the decisions taken for several orders of one family into the one change that commits
// them together: each order's decisions chained (OrderChange.Then), the first order's change
// carrying the others as linked changes. Deciders build with it; nothing here touches a store.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class FamilyChange(Family family)
{
    private readonly List<OrderId> _order = [];
    private readonly Dictionary<OrderId, OrderChange> _changes = [];
    private readonly List<string> _anomalies = [];

    /// <summary>The family as it will be once everything added so far is committed.</summary>
    public Family Family { get; private set; } = family;

    /// <summary>The anomaly codes among the decisions added.</summary>
    public IReadOnlyList<string> Anomalies => _anomalies;

    public bool IsEmpty => _changes.Count == 0;

    public Order this[OrderId id] => Family.Members.First(m => m.Id == id);

    public FamilyChange Add(Decision decision)
    {
        if (decision is Decision.Anomaly anomaly) _anomalies.Add(anomaly.Code);
        if (decision.Change is not { } change || change.IsEmpty) return this;
        var id = change.Order.Id;
        if (_changes.TryGetValue(id, out var earlier)) _changes[id] = earlier.Then(change);
        else
        {
            _order.Add(id);
            _changes[id] = change;
        }
        Family = Family.With(change.Order);
        return this;
    }

    /// <summary>The one change that commits every order's decisions, or null when there is none.</summary>
    public OrderChange? Build()
    {
        if (_order.Count == 0) return null;
        var first = _changes[_order[0]];
        return _order.Skip(1).Aggregate(first, (all, id) => all.Linking(_changes[id]));
    }
}
