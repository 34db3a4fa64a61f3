// What a quote did to a held order (see TriggerDecider): nothing; moved its trailing stop (Order
// set, no release); or touched its trigger (Order marked triggered, Release: what it goes out as).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Orders;

public sealed record Touch(Order? Order, OrderTerms? Release, decimal Price)
{
    public static Touch None { get; } = new(null, null, 0m);

    public bool Touched => Release is not null;
}
