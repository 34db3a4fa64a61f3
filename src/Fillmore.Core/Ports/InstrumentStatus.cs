// Whether an instrument can be traded: active, halted for now, or delisted for good.
namespace Fillmore.Core.Ports;

public enum InstrumentStatus { Active, Halted, Delisted }
