// Tunables of the execution engine (bound from configuration by the host).
namespace Fillmore.Core.Execution;

public sealed class ExecutionOptions
{
    /// <summary>How many venue requests may be in flight at once.</summary>
    public int SendConcurrency { get; set; } = 8;
}
