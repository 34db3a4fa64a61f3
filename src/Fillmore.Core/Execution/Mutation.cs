// What OrderMutator.MutateAsync answers: the order as it is afterwards, with what the decision answered.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;

/// <param name="Order">The order after the commit (or as it was, if nothing was committed); null: no such
/// order.</param>
public readonly record struct Mutation<T>(Order? Order, T Result)
{
    public bool Found => Order is not null;

    /// <summary>MutateOwnedAsync only: another node owns the order on a shared store; nothing was decided.</summary>
    public bool Elsewhere { get; init; }
}
