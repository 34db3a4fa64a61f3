// Which execution path handled an order (ORDER_EXECUTION_V2_ENABLED).
namespace Fillmore.Client;

public enum ExecutionPath
{
    Unknown,
    V2,
    Legacy,
}
