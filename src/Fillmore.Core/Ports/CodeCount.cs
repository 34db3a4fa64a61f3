// How many orders carry one code (a rejection code, a status), for the metrics summary.
namespace Fillmore.Core.Ports;

public sealed record CodeCount(string Code, long Orders);
