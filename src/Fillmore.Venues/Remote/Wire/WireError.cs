// The body of every refusal the exchange sends (4xx, 503): a stable code and a sentence.
namespace Fillmore.Venues.Remote.Wire;

using Fillmore.Core;

public sealed record WireError(string Code, string Reason)
{
    /// <summary>The code of a 404 that means "no order with this id" (and not "no such route").</summary>
    public const string OrderNotFound = ReasonCodes.OrderNotFound;
}
