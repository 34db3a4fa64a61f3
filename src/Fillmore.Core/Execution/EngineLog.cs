// The engine's own log lines (the lifecycle events operators follow are OrderLifecycleLog's).
// One category for the whole engine: ExecutionCoordinator.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

internal static partial class EngineLog
{
    /// <summary>One failing order must never stop the loops that serve every other order.</summary>
    public static async Task GuardAsync(ILogger log, Func<Task> work, OrderId id)
    {
        try { await work().ConfigureAwait(false); }
        catch (Exception ex) when (ex is not OperationCanceledException) { OrderFailed(log, ex, id); }
    }

    public static void Report(ILogger log, ExecutionReport report, Order known)
    {
        if (report.Kind == ExecutionKind.Fill)
            Fill(log, report.ExecutionId, report.OrderId, known.TraderId.Value, report.LastQuantity,
                known.Spec.Symbol.Value, report.LastPrice, report.TransactTime, known.FilledQuantity,
                ApiNames.Of(known.Status));
    }

    [LoggerMessage(Level = LogLevel.Critical,
        Message = "The {Loop} stopped; venue news now only arrives through reconciliation.")]
    public static partial void LoopFailed(ILogger log, Exception ex, string loop);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Processing order {OrderId} failed; it stays as stored and will be reconciled.")]
    public static partial void OrderFailed(ILogger log, Exception ex, OrderId orderId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Fill {ExecutionId} on order {OrderId} of {Trader}: {Quantity} {Symbol} @ {Price} at {Timestamp:O}; "
            + "filled {FilledQuantity}, now {Status}.")]
    public static partial void Fill(ILogger log, string executionId, OrderId orderId, string trader, long quantity,
        string symbol, decimal price, DateTimeOffset timestamp, long filledQuantity, string status);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "The venue reported {Kind} for order {OrderId}, which Fillmore does not know.")]
    public static partial void UnknownOrder(ILogger log, OrderId orderId, string kind);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Ghost order {OrderId} at the venue: {Quantity} {Symbol}; reported, not adopted.")]
    public static partial void Ghost(ILogger log, OrderId orderId, string symbol, long quantity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ghost order {OrderId}: {Reason}")]
    public static partial void GhostChanged(ILogger log, OrderId orderId, string? reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Node {NodeId}'s lease had lapsed; other nodes may have claimed its orders, "
            + "which it no longer sends.")]
    public static partial void LeaseLapsed(ILogger log, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Claimed {Count} orders of nodes whose lease ran out; node {NodeId} reconciles them with the venue.")]
    public static partial void Claimed(ILogger log, int count, string nodeId);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Renewing the lease or claiming orphaned orders failed; retrying at the next interval.")]
    public static partial void LeaseFailed(ILogger log, Exception ex);
}
