// What a submission creates (see EntryDecider): the order and its exits, or why the venue cannot take it.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public sealed record EntryPlan(Order? Parent, IReadOnlyList<Order> Exits, RuleViolation? Refusal)
{
    public static EntryPlan Refused(RuleViolation why) => new(null, [], why);

    public IEnumerable<Order> All => Parent is null ? [] : Exits.Prepend(Parent);
}
