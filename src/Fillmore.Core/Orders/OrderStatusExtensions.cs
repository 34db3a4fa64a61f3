// What a status says about an order: terminal (nothing more happens to it) or open (it may be
// working at the venue).
namespace Fillmore.Core.Orders;

public static class OrderStatusExtensions
{
    public static bool IsTerminal(this OrderStatus status) =>
        status is OrderStatus.Filled or OrderStatus.Cancelled or OrderStatus.Rejected
            or OrderStatus.Denied or OrderStatus.Expired or OrderStatus.Failed;

    /// <summary>Statuses in which the order may be working at the venue.</summary>
    public static IReadOnlyList<OrderStatus> Open { get; } =
        Enum.GetValues<OrderStatus>().Where(s => !s.IsTerminal()).ToArray();
}
