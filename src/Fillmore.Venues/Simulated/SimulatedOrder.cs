// The paper exchange's own record of one order (its book entry), mutated only under the venue's lock.
// It works on the terms it was sent (or replaced with), not on what the trader first asked.
namespace Fillmore.Venues.Simulated;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class SimulatedOrder(Order order, string? account)
{
    public OrderId Id { get; } = order.Id;
    /// <summary>Whose order it is, as its sender said (null: not said).</summary>
    public string? Account { get; } = account;
    public Symbol Symbol { get; } = order.Spec.Symbol;
    public Side Side { get; } = order.Spec.Side;
    public OrderTerms Terms { get; set; } = order.Terms;
    public VenueOrderStatus Status { get; set; } = VenueOrderStatus.Working;
    public bool StopTriggered { get; set; }
    public long CumulativeQuantity { get; private set; }
    public decimal AveragePrice { get; private set; }
    public string? Reason { get; set; }
    public List<ExecutionReport> Executions { get; } = [];

    public long Remaining => Terms.Quantity - CumulativeQuantity;

    public void RecordFill(long quantity, decimal price)
    {
        AveragePrice =
            Math.Round((AveragePrice * CumulativeQuantity + price * quantity) / (CumulativeQuantity + quantity), 6);
        CumulativeQuantity += quantity;
        if (CumulativeQuantity == Terms.Quantity) Status = VenueOrderStatus.Filled;
    }

    public VenueOrderState Snapshot() =>
        new(Id, Symbol, Side, Terms.Quantity, Status, CumulativeQuantity, AveragePrice, Executions.ToList(), Reason)
        {
            Account = Account,
        };
}
