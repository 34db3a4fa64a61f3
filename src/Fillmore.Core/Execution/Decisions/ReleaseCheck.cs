// The check a held order passes at its release (see ReleaseVerdict); null: nothing to say, it goes
// as it is.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;

public delegate ReleaseVerdict? ReleaseCheck(Order order, OrderTerms terms);
