// What one FIX venue does natively, declared per venue in its connection string (docs/fix.md):
// the order types and times in force it accepts, and whether it answers OrderCancelRequest,
// OrderCancelReplaceRequest and OrderStatusRequest. An order it cannot take is refused before
// anything is sent (the engine emulates what it can: the order-types issue). Profiles describe
// the QuickFIX example acceptors as they really behave (../shared/FIX.md).
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record FixVenueCapabilities(
    IReadOnlySet<OrderType> OrderTypes,
    IReadOnlySet<TimeInForce> TimesInForce,
    bool Cancel,
    bool Replace,
    bool StatusRequests)
{
    /// <summary>QuickFIX's executor: fills every limit order at its limit price at once; refuses the rest.</summary>
    public static FixVenueCapabilities Executor { get; } =
        new(new HashSet<OrderType> { OrderType.Limit }, new HashSet<TimeInForce> { TimeInForce.Day },
            Cancel: false, Replace: false, StatusRequests: false);

    /// <summary>QuickFIX's ordermatch (FIX 4.2): a limit order book, Day only; cancels, no replace or status.</summary>
    public static FixVenueCapabilities OrderMatch { get; } =
        new(new HashSet<OrderType> { OrderType.Limit }, new HashSet<TimeInForce> { TimeInForce.Day },
            Cancel: true, Replace: false, StatusRequests: false);

    /// <summary>A full FIX venue: every type and time in force, cancel, replace and status requests.</summary>
    public static FixVenueCapabilities Full { get; } = new(
        new HashSet<OrderType>(Enum.GetValues<OrderType>()), new HashSet<TimeInForce>(Enum.GetValues<TimeInForce>()),
        true, true, true);

    /// <summary>Why the venue cannot take this order as it is, or null when it can.</summary>
    public VenueOutcome.Rejected? Refusal(OrderSpec spec, string venue) =>
        !OrderTypes.Contains(spec.Type)
            ? new("ORDER_TYPE_NOT_SUPPORTED",
                $"{venue} does not accept {ApiNames.Of(spec.Type)} orders; it accepts {List(OrderTypes)}.")
        : !TimesInForce.Contains(spec.TimeInForce)
            ? new("TIME_IN_FORCE_NOT_SUPPORTED",
                $"{venue} does not accept time in force {ApiNames.Of(spec.TimeInForce)}; " +
                $"it accepts {List(TimesInForce)}.")
        : null;

    private static string List<T>(IEnumerable<T> values) where T : struct, Enum =>
        string.Join(", ", values.Select(ApiNames.Of).Order(StringComparer.Ordinal));
}
