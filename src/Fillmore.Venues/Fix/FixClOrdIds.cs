// The ClOrdID scheme (docs/fix.md): a new order's ClOrdID is its OrderId (UUID, "D" format); a
// replace gets "<OrderId>.<revision>" (the amended order's version), a cancel request
// "<OrderId>.x<MsgSeqNum>". Every ClOrdID starts with the 36 characters of the OrderId, so any
// report, whichever ClOrdID it carries (ordermatch answers a cancel with the original one), maps
// back to the order.
namespace Fillmore.Venues.Fix;

using System.Globalization;
using Fillmore.Core.Orders;

internal static class FixClOrdIds
{
    private const int UuidLength = 36;

    public static string Of(OrderId id) => id.ToString();

    public static string Replace(OrderId id, long revision) =>
        $"{id}.{revision.ToString(CultureInfo.InvariantCulture)}";

    public static string Cancel(OrderId id, long seqNum) => $"{id}.x{seqNum.ToString(CultureInfo.InvariantCulture)}";

    public static bool TryParse(string? clOrdId, out OrderId id)
    {
        id = default;
        if (clOrdId is null || clOrdId.Length < UuidLength) return false;
        if (clOrdId.Length > UuidLength && clOrdId[UuidLength] != '.') return false;
        return OrderId.TryParse(clOrdId[..UuidLength], out id);
    }
}
