// A trader's amend (PATCH /api/v1/orders/{id}) as sent: every field optional and loosely typed,
// so that every problem can be reported at once. Fields the API read that cannot be amended
// (symbol, side, type, time in force, ...) come along by name in Refused, so that the answer
// lists them together with the problems of the fields that can.
namespace Fillmore.Core.Orders;

public sealed record AmendDraft(decimal? Quantity, decimal? Price, decimal? StopPrice, decimal? TrailPrice,
    decimal? TrailPercent)
{
    /// <summary>Fields sent that no amend can change (API names), each refused with FIELD_NOT_AMENDABLE.</summary>
    public IReadOnlyList<string> Refused { get; init; } = [];

    public bool IsEmpty =>
        Quantity is null && Price is null && StopPrice is null && TrailPrice is null && TrailPercent is null;
}
