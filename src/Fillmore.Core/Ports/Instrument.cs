// An instrument as the venue lists it: symbol, name, tick size and trading status.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record Instrument(Symbol Symbol, string Name, decimal TickSize, InstrumentStatus Status);
