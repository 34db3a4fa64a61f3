// The venue's view of one order (the Found answer to "do you have order X?"): its state and
// every execution the venue made for it, and whose it is when the venue says (its account).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

/// <summary>The venue's view of one order, with every execution it made for it.</summary>
public sealed record VenueOrderState(
    OrderId OrderId,
    Symbol Symbol,
    Side Side,
    long Quantity,
    VenueOrderStatus Status,
    long CumulativeQuantity,
    decimal AveragePrice,
    IReadOnlyList<ExecutionReport> Executions,
    string? Reason)
{
    /// <summary>The account the venue books the order to, when it says (the paper exchange; FIX tag 1); null when it
    /// does not. A ghost's audit entries are filed under it.</summary>
    public string? Account { get; init; }
}
