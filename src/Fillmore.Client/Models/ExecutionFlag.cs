// ORDER_EXECUTION_V2_ENABLED in force: on, off or a percentage of traders.
namespace Fillmore.Client;

public sealed record ExecutionFlag(string Value, int PercentOfTraders);
