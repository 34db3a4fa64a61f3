// Configuration of the paper exchange (section "Fillmore:SimulatedVenue").
namespace Fillmore.Venues.Simulated;

using Fillmore.Core.Ports;

public sealed class SimulatedVenueOptions
{
    public string Name { get; set; } = "SIM";

    /// <summary>Drives the quotes' random walk and partial-fill sizes: same seed, same market.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>How often quotes move (in TimeProvider time).</summary>
    public TimeSpan QuoteInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Standard deviation of one quote move, in basis points of the price.</summary>
    public double VolatilityBps { get; set; } = 5;

    /// <summary>Bid-ask spread in ticks.</summary>
    public int SpreadTicks { get; set; } = 2;

    /// <summary>Delay before the venue answers a new order or a cancel.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>The exchange holds STOP and STOP_LIMIT orders itself; off: Fillmore holds them and sends MARKET or
    /// LIMIT when triggered.</summary>
    public bool NativeStops { get; set; } = true;

    /// <summary>At most this many shares trade per match (the size displayed on the other side); 0: no limit.</summary>
    public long DisplayedSize { get; set; }

    /// <summary>When on, each match fills only a random part of what is left (displayed size), so orders fill in
    /// pieces.</summary>
    public bool PartialFills { get; set; }

    /// <summary>Every instrument starts this many basis points away from its listed price (negative: below).</summary>
    public decimal PriceOffsetBps { get; set; }

    public decimal CommissionPerShare { get; set; } = 0.005m;

    public decimal MinimumCommission { get; set; } = 1.00m;

    public List<SimulatedInstrument> Instruments { get; set; } = DefaultInstruments();

    /// <summary>Faults to inject from the start (none by default).</summary>
    // a fresh instance: the configuration binder fills it in place
    public SimulatedFaults Faults { get; set; } = new();

    public static List<SimulatedInstrument> DefaultInstruments() =>
    [
        new() { Symbol = "AAPL", Name = "Apple Inc.", Price = 190.00m },
        new() { Symbol = "MSFT", Name = "Microsoft Corp.", Price = 420.00m },
        new() { Symbol = "GOOGL", Name = "Alphabet Inc. Class A", Price = 170.00m },
        new() { Symbol = "AMZN", Name = "Amazon.com Inc.", Price = 185.00m },
        new() { Symbol = "NVDA", Name = "NVIDIA Corp.", Price = 120.00m },
        new() { Symbol = "TSLA", Name = "Tesla Inc.", Price = 250.00m },
        new() { Symbol = "SPY", Name = "SPDR S&P 500 ETF", Price = 560.00m },
        new() { Symbol = "BRK.B", Name = "Berkshire Hathaway Class B", Price = 450.00m },
        new() { Symbol = "HALT", Name = "Halted Holdings (trading halted)", Price = 12.00m,
            Status = InstrumentStatus.Halted },
        new() { Symbol = "LEHM", Name = "Lehman Brothers (delisted)", Price = 0.05m,
            Status = InstrumentStatus.Delisted },
    ];
}
