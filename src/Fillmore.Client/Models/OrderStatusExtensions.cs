// What a status means for a bot: whether the order can still change by itself.
namespace Fillmore.Client;

public static class OrderStatusExtensions
{
    /// <summary>True when the order will not change any more unless the trader acts (FAILED waits for a retry or an
    /// acknowledgement, so it counts as finished here).</summary>
    public static bool IsFinished(this OrderStatus status) => status is OrderStatus.Filled or OrderStatus.Cancelled
        or OrderStatus.Rejected or OrderStatus.Denied or OrderStatus.Expired or OrderStatus.Failed;

    /// <summary>True while the order may still trade: held by Fillmore, on its way, or working at the venue.</summary>
    public static bool IsOpen(this OrderStatus status) => status is OrderStatus.PendingSubmit or OrderStatus.Pending
        or OrderStatus.Partial or OrderStatus.PendingCancel or OrderStatus.Held;
}
