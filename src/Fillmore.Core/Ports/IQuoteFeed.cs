// Market data that can say when a quote moved, so that orders Fillmore holds (stops, trailing
// stops, exits) are checked at once instead of at the next periodic look. Optional: without it,
// held orders are checked on a timer (ExecutionOptions.TriggerCheckInterval).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public interface IQuoteFeed
{
    /// <summary>Raised after a symbol's quote changed (outside any lock of the feed's own).</summary>
    event Action<Symbol>? QuoteChanged;
}
