// A trader's amend (PATCH /api/v1/orders/{id}) as sent: every field optional and loosely typed,
// so that every problem can be reported at once. Fields that cannot be amended (symbol, side, type,
// time in force) are refused by the API before this is built.
namespace Fillmore.Core.Orders;

public sealed record AmendDraft(decimal? Quantity, decimal? Price, decimal? StopPrice, decimal? TrailPrice,
    decimal? TrailPercent)
{
    public bool IsEmpty =>
        Quantity is null && Price is null && StopPrice is null && TrailPrice is null && TrailPercent is null;
}
