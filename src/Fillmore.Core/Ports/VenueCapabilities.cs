// What a venue can hold and do itself. Fillmore holds (emulates) every order type the venue
// lacks: a STOP or STOP_LIMIT the venue cannot hold, every TRAILING_STOP and every bracket, OTO
// and OCO exit waiting for its entry; it enforces DAY and GTD deadlines itself for every venue,
// and refuses what it can neither send nor emulate (a FOK on a venue without FOK).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record VenueCapabilities(IReadOnlySet<OrderType> OrderTypes, IReadOnlySet<TimeInForce> TimesInForce)
{
    /// <summary>The venue replaces a working order's quantity and prices in place (FIX
    /// OrderCancelReplaceRequest).</summary>
    public bool Replace { get; init; }

    /// <summary>The venue answers "do you have order X?" (FIX OrderStatusRequest); without it nothing is ever re-sent
    /// blindly.</summary>
    public bool StatusQueries { get; init; } = true;

    public static VenueCapabilities All { get; } = new(
        new HashSet<OrderType> { OrderType.Market, OrderType.Limit, OrderType.Stop, OrderType.StopLimit },
        new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc, TimeInForce.Ioc,
            TimeInForce.Fok }) { Replace = true };

    public bool Holds(OrderType type) => OrderTypes.Contains(type);

    public bool Honours(TimeInForce tif) => TimesInForce.Contains(tif);
}
