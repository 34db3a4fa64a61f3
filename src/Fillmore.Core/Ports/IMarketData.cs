// Reference data and quotes, as the risk rules and the ledger need them.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public interface IMarketData
{
    /// <summary>Every instrument the venue lists (empty while it is not known yet).</summary>
    IReadOnlyList<Instrument> Instruments { get; }

    Instrument? FindInstrument(Symbol symbol);
    bool TryGetQuote(Symbol symbol, out Quote quote);
}
