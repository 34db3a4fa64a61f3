// What one FIX venue does natively, declared per venue in its connection string (docs/fix.md):
// the order types and times in force it accepts, and whether it answers OrderCancelRequest,
// OrderCancelReplaceRequest and OrderStatusRequest. An order it cannot take is refused before
// anything is sent (the engine emulates what it can: the order-types issue). KeepsBook says whether
// resting orders survive the venue's restart (false: it may lose them whenever the session was
// down, see FixVenue.Breaks). Profiles describe the QuickFIX example acceptors as they really
// behave (../shared/FIX.md).
namespace Fillmore.Venues.Fix;

using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record FixVenueCapabilities(
    IReadOnlySet<OrderType> OrderTypes,
    IReadOnlySet<TimeInForce> TimesInForce,
    bool Cancel,
    bool Replace,
    bool StatusRequests)
{
    /// <summary>Whether the venue's resting orders survive its restarts (false: its book is in memory only).</summary>
    public bool KeepsBook { get; init; } = true;

    /// <summary>QuickFIX's executor: fills every limit order at its limit price at once; refuses the rest.</summary>
    public static FixVenueCapabilities Executor { get; } =
        new(new HashSet<OrderType> { OrderType.Limit }, new HashSet<TimeInForce> { TimeInForce.Day },
            Cancel: false, Replace: false, StatusRequests: false);

    /// <summary>
    /// QuickFIX's ordermatch (FIX 4.2): a limit order book, Day only; cancels, no replace or status; the book is in
    /// memory and gone when it restarts.
    /// </summary>
    public static FixVenueCapabilities OrderMatch { get; } =
        new(new HashSet<OrderType> { OrderType.Limit }, new HashSet<TimeInForce> { TimeInForce.Day },
            Cancel: true, Replace: false, StatusRequests: false) { KeepsBook = false };

    /// <summary>A full FIX venue: market, limit, stop and stop-limit; DAY, GTC, IOC, FOK; cancel, replace and status
    /// requests.</summary>
    public static FixVenueCapabilities Full { get; } = new(
        new HashSet<OrderType> { OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit },
        new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc, TimeInForce.Ioc, TimeInForce.Fok },
        true, true, true);

    /// <summary>As the engine sees it: what the venue holds itself; Fillmore holds (emulates) the rest or refuses
    /// it.</summary>
    public VenueCapabilities ForEngine =>
        new(OrderTypes, TimesInForce) { Replace = Replace, StatusQueries = StatusRequests };

    /// <summary>Why the venue cannot take these terms, or null when it can (the engine should never send them; a last
    /// guard).</summary>
    public VenueOutcome.Rejected? Refusal(OrderTerms terms, string venue) =>
        !OrderTypes.Contains(terms.Type)
            ? new(ReasonCodes.OrderTypeNotSupported,
                $"{venue} does not accept {ApiNames.Of(terms.Type)} orders; it accepts {List(OrderTypes)}.")
        : !TimesInForce.Contains(terms.TimeInForce)
            ? new(ReasonCodes.TimeInForceNotSupported,
                $"{venue} does not accept time in force {ApiNames.Of(terms.TimeInForce)}; " +
                $"it accepts {List(TimesInForce)}.")
        : null;

    private static string List<T>(IEnumerable<T> values) where T : struct, Enum =>
        string.Join(", ", values.Select(ApiNames.Of).Order(StringComparer.Ordinal));
}
