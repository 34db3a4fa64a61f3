// What a decision given to OrderMutator.MutateAsync returns: the change to commit with whatever
// else the caller needs from deciding (the result comes back in the Mutation).
namespace Fillmore.Core.Execution;

using Fillmore.Core.Ports;

/// <param name="Change">What to commit; null: nothing.</param>
public readonly record struct Decided<T>(OrderChange? Change, T Result);
