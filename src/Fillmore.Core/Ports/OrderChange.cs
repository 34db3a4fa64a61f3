// One state change of one order: everything the store writes in a single transaction.
// ExpectedVersion is the version the change was derived from (0: the order is new). When the
// order's Version equals ExpectedVersion the change only appends (audit entries, e.g. a late ack).
// Linked changes (the other orders of the same family, always of the same trader) are written in
// the same transaction, after this one: all or none (a bracket created with its exits, a sibling
// cancelled with the exit that triggered).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Streaming;

public sealed record OrderChange(
    Order Order,
    long ExpectedVersion,
    IReadOnlyList<Fill> Fills,
    IReadOnlyList<AuditRecord> Audit,
    IReadOnlyList<OrderEvent> Events) : IStoreChange
{
    /// <summary>The ledger effect of this change (fills, new accounts), written in the same transaction.</summary>
    public LedgerUpdate? Ledger { get; init; }

    /// <summary>
    /// The account version a risk decision was made against (submit, retry). The store bumps the
    /// account's version by one only if it is still this one, and refuses the change otherwise, so
    /// two nodes deciding from the same ledger cannot both reserve the same buying power.
    /// </summary>
    public long? AccountGuard { get; init; }

    /// <summary>Changes to other orders of the same trader, committed in the same transaction after this one.</summary>
    public IReadOnlyList<OrderChange> Linked { get; init; } = [];

    /// <summary>This change and every linked one, in commit order.</summary>
    public IEnumerable<OrderChange> All => Linked.Count == 0 ? [this] : Linked.SelectMany(l => l.All).Prepend(this);

    public static OrderChange NewOrder(Order order) => new(order, 0, [], [], []);

    public static OrderChange Of(Order before, Order after) => new(after, before.Version, [], [], []);

    public bool IsInsert => ExpectedVersion == 0;
    public bool UpdatesOrder => !IsInsert && Order.Version != ExpectedVersion;

    /// <summary>Nothing to write: no row, fill, entry, event or ledger effect.</summary>
    public bool IsEmpty => !IsInsert && !UpdatesOrder && Fills.Count == 0 && Audit.Count == 0 && Events.Count == 0
        && Ledger is null && AccountGuard is null && Linked.All(l => l.IsEmpty);

    /// <summary>The same change, leaving the order as <paramref name="order"/> (derived from this change's
    /// order).</summary>
    public OrderChange Moved(Order order) => this with { Order = order };

    public OrderChange Audited(AuditRecord record) => this with { Audit = [.. Audit, record] };
    public OrderChange Emitting(OrderEvent e) => this with { Events = [.. Events, e] };
    public OrderChange WithFill(Fill fill) => this with { Fills = [.. Fills, fill] };
    public OrderChange Linking(OrderChange other) => this with { Linked = [.. Linked, other] };

    /// <summary>
    /// This change followed by <paramref name="next"/>, which was decided on this change's order, as
    /// one change: its rows, entries and events in order, guarded by this change's expected version.
    /// </summary>
    public OrderChange Then(OrderChange next)
    {
        if (next.Order.Id != Order.Id || next.ExpectedVersion != Order.Version)
            throw new ArgumentException("The next change must be decided on this change's order.", nameof(next));
        if (Ledger is not null && next.Ledger is not null)
            throw new ArgumentException("Two ledger effects cannot share one change.", nameof(next));
        return this with
        {
            Order = next.Order,
            Fills = [.. Fills, .. next.Fills],
            Audit = [.. Audit, .. next.Audit],
            Events = [.. Events, .. next.Events],
            Ledger = Ledger ?? next.Ledger,
            AccountGuard = AccountGuard ?? next.AccountGuard,
            Linked = [.. Linked, .. next.Linked],
        };
    }
}
