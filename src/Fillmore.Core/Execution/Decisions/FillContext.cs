// What deciding a venue report needs besides the order: the fills on record (a repeated
// execution id is a duplicate), the trader's ledger (a fill moves cash and position), the
// calendar (which trading day a fill's realised P&L belongs to), and where a new fill's id
// comes from (called once, only for a fill that is recorded), and for an exit what its siblings
// have executed (a second execution is an over-execution, recorded as an anomaly).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;

public sealed record FillContext(IReadOnlyList<Fill> Recorded, Ledger? Ledger, TradingCalendar Calendar,
    Func<Guid> NewFillId)
{
    /// <summary>For an exit: what its siblings (the other exit, the other OCO leg) have executed already.</summary>
    public long SiblingsFilled { get; init; }

    public long RecordedQuantity => Recorded.Sum(f => f.Quantity);
}
