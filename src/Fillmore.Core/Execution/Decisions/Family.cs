// An order with the orders created with it (a bracket's entry and exits, an OTO's entry and exit,
// an OCO's two legs), as read in their trader's gate. A simple order is a family of one.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;

public sealed record Family(Order Parent, IReadOnlyList<Order> Children)
{
    public IEnumerable<Order> Members => Children.Prepend(Parent);

    public bool IsOco => Parent.Spec.Class == OrderClass.Oco;

    /// <summary>The other exits of <paramref name="exit"/> (its siblings in a bracket; the other leg of an
    /// OCO).</summary>
    public IEnumerable<Order> SiblingsOf(Order exit) =>
        IsOco ? Members.Where(m => m.Id != exit.Id) : Children.Where(c => c.Id != exit.Id);

    /// <summary>The family with <paramref name="member"/> as it is now (a new child is added).</summary>
    public Family With(Order member) => member.Id == Parent.Id ? this with { Parent = member }
        : Children.Any(c => c.Id == member.Id)
            ? this with { Children = Children.Select(c => c.Id == member.Id ? member : c).ToList() }
            : this with { Children = [.. Children, member] };
}
