// An OrderStatusRequest's answer (an ExecutionReport with ExecType I, or ExecTransType 3 in 4.2)
// as the engine's VenueQuery. The answer states totals, not the executions that make them up, and
// Fillmore never invents a fill: an order the venue reports with fills is Unknown here (its fills
// arrive as execution reports and are counted from those); without fills it is Found as it stands.
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Ports;

internal static class FixStatus
{
    public static VenueQuery ToQuery(FixMessage report, FixOrderLink link, string venue)
    {
        report.TryGetDecimal(FixTags.CumQty, out var cum);
        if (cum > 0)
            return new VenueQuery.Unknown($"{venue} reports {cum} filled; fills count from its execution reports");
        VenueOrderStatus? status = report.TryGet(FixTags.OrdStatus, out var s) && s.Length == 1 ? (char)s[0] switch
        {
            '0' or 'A' or 'E' or '6' => VenueOrderStatus.Working,
            '4' => VenueOrderStatus.Cancelled,
            '8' => VenueOrderStatus.Rejected,
            'C' => VenueOrderStatus.Expired,
            _ => null,
        } : null;
        if (status is not { } known)
            return new VenueQuery.Unknown($"{venue} answered the status request with an unknown OrdStatus");
        return new VenueQuery.Found(new VenueOrderState(link.OrderId, link.Symbol, link.Side, link.Quantity, known,
            0, 0, [],
            FixFields.Sanitise(report.GetString(FixTags.Text)) is { Length: > 0 } text ? text : null)
        {
            // Account (1) when the venue names one: whose the order is at the venue.
            Account = FixFields.Sanitise(report.GetString(FixTags.Account)) is { Length: > 0 } account ? account : null,
        });
    }
}
