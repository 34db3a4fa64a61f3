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

public enum InstrumentStatus { Active, Halted, Delisted }

public sealed record Instrument(Symbol Symbol, string Name, decimal TickSize, InstrumentStatus Status);

public readonly record struct Quote(Symbol Symbol, decimal Bid, decimal Ask, decimal Last, DateTimeOffset Timestamp)
{
    public decimal Mid => (Bid + Ask) / 2m;
}
