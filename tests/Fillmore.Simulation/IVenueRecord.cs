// What a venue itself recorded, as the Auditor reads it: which orders reached it and how often,
// which it holds, and what it executed for each. The simulation reads its SimulatedVenue
// (SimulatedVenueRecord); the FIX fault run reads a real acceptor's own log. Order ids as text.
namespace Fillmore.Simulation;

public interface IVenueRecord
{
    /// <summary>How many times each order reached the venue (an order that never did may be absent).</summary>
    IReadOnlyDictionary<string, int> Taken { get; }

    /// <summary>The orders the venue holds or held: each must have an EXECUTED entry in Fillmore's trail.</summary>
    IReadOnlyCollection<string> Holds { get; }

    /// <summary>What the venue executed for the order: total quantity and notional (Σ quantity × price).</summary>
    (long Quantity, decimal Notional) Executed(string orderId);
}
