// One instrument the paper exchange lists (an entry of "Fillmore:SimulatedVenue:Instruments"),
// with its starting price, tick size and status.
namespace Fillmore.Venues.Simulated;

using Fillmore.Core.Ports;

public sealed class SimulatedInstrument
{
    public string Symbol { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
    public decimal TickSize { get; set; } = 0.01m;
    public InstrumentStatus Status { get; set; } = InstrumentStatus.Active;
}
