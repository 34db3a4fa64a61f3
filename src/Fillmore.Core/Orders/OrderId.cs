// OrderId: Fillmore's own id for an order, a UUID version 4. It is persisted before the order is
// sent and is also the client order id the venue sees (FIX ClOrdID), so the venue can always be
// asked about the order by this id, on every retry and after a restart.
namespace Fillmore.Core.Orders;

public readonly record struct OrderId(Guid Value)
{
    public static OrderId From(IIdGenerator ids) => new(ids.NewUuidV4());

    public static bool TryParse(string? text, out OrderId id)
    {
        var ok = Guid.TryParseExact(text, "D", out var guid);
        id = new OrderId(guid);
        return ok;
    }

    public override string ToString() => Value.ToString("D");
}
