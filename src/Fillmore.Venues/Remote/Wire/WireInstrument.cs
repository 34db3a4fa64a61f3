// Reference data for one instrument (GET /v1/instruments).
namespace Fillmore.Venues.Remote.Wire;

using Fillmore.Core.Ports;

public sealed record WireInstrument(string Symbol, string Name, decimal TickSize, InstrumentStatus Status);
