// Tunables of the execution engine (bound from configuration by the host).
namespace Fillmore.Core.Execution;

public sealed class ExecutionOptions
{
    /// <summary>
    /// How many orders are sent at once (venue requests in flight), and how many partitions apply
    /// venue reports in parallel. Each sender and partition waits for its change to be durable, so
    /// together they can move at most this many orders per commit: with 8, a 5 ms commit under load
    /// capped the engine near 1,600 changes/s while acceptance ran ahead (docs/benchmarks.md).
    /// </summary>
    public int SendConcurrency { get; set; } = 64;

    /// <summary>Re-sends after the first attempt on the v2 path (ORDER_RETRY_MAX_ATTEMPTS). The legacy path never
    /// re-sends.</summary>
    public int RetryMaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first re-send; doubled for each next one (1 s, 2 s, 4 s).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often every open order is compared with the venue (missed reports, orders in doubt).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a node of a shared store renews its lease and looks for orders orphaned by dead nodes (well
    /// under the lease duration).</summary>
    public TimeSpan LeaseRenewInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>How often held orders are checked against the quotes when the quote source cannot say when a quote
    /// moved.</summary>
    public TimeSpan TriggerCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>ORDER_TIMEOUT_SECONDS: how long an order may wait to fill before what is left is cancelled (TIMEOUT),
    /// when it gives no max_wait_seconds; null: no limit.</summary>
    public int? OrderTimeoutSeconds { get; set; }

    public TimeSpan RetryDelay(int retry) => RetryBaseDelay * Math.Pow(2, retry - 1);
}
