// Structured log events for the order lifecycle, one per audited action that operators watch:
// order.submitted, order.executed, order.failed, order.filled, order.recovered and
// order.cancelled_by_trader. They are written after the commit that records the action (the store
// is the truth; the log is the operator's view of it), so a logged event is always in the audit
// trail too. The event name is both the EventId's name and the first field ("Event") of the
// message ("EventName" in the JSON console's State), because the JSON console writes the EventId
// number but not its name.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public static partial class OrderLifecycleLog
{
    public const string Submitted = "order.submitted";
    public const string Executed = "order.executed";
    public const string Failed = "order.failed";
    public const string Filled = "order.filled";
    public const string Recovered = "order.recovered";
    public const string CancelledByTrader = "order.cancelled_by_trader";

    /// <summary>Logs the events of a committed change. <paramref name="before"/>: the order as it was (null for a new
    /// one).</summary>
    public static void Committed(ILogger log, Order? before, OrderChange change)
    {
        foreach (var r in change.Audit)
        {
            var o = change.Order;
            switch (r.Action)
            {
                case AuditAction.Submitted:
                    LogSubmitted(log, Submitted, r.OrderId, r.TraderId.Value, ApiNames.Of(o.Spec.Side), r.Quantity,
                        o.Spec.Symbol.Value, ApiNames.Of(o.Spec.Type), r.Price, ApiNames.Of(o.Status),
                        ApiNames.Of(o.Path), r.Venue);
                    break;
                case AuditAction.Executed:
                    LogExecuted(log, Executed, r.OrderId, r.TraderId.Value, o.Spec.Symbol.Value, r.Venue,
                        r.RetryAttempt ?? 0, r.ErrorCode);
                    break;
                case AuditAction.Failed:
                    LogFailed(log, Failed, r.OrderId, r.TraderId.Value, o.Spec.Symbol.Value, r.Venue, r.ErrorCode,
                        r.Reason ?? o.Reason);
                    break;
                case AuditAction.Filled or AuditAction.PartiallyFilled:
                    LogFilled(log, Filled, r.OrderId, r.TraderId.Value, ApiNames.Of(o.Spec.Side), r.Quantity,
                        o.Spec.Symbol.Value, r.Price, r.Venue, o.FilledQuantity, o.Spec.Quantity,
                        ApiNames.Of(o.Status));
                    break;
                case AuditAction.Recovered or AuditAction.Reconciled:
                    LogRecovered(log, Recovered, r.OrderId, r.TraderId.Value, o.Spec.Symbol.Value, r.Venue,
                        ApiNames.Of(r.Action), ApiNames.Of(o.Status));
                    break;
                // Only the trader's cancel request moves an order to PENDING_CANCEL, so a cancel from there is theirs.
                case AuditAction.Cancelled when before?.Status == OrderStatus.PendingCancel:
                    LogCancelledByTrader(log, CancelledByTrader, r.OrderId, r.TraderId.Value, o.Spec.Symbol.Value,
                        o.FilledQuantity, o.Spec.Quantity, r.Reason ?? o.Reason);
                    break;
            }
        }
    }

    [LoggerMessage(EventId = 6001, EventName = Submitted, Level = LogLevel.Information,
        Message = "{EventName}: order {OrderId} of {TraderId}: {Side} {Quantity} {Symbol} {OrderType} price={Price}, "
            + "{Status} on path {ExecutionPath} for {Venue}")]
    private static partial void LogSubmitted(ILogger log, string eventName, OrderId orderId, string traderId,
        string side, long quantity, string symbol, string orderType, decimal? price, string status,
        string executionPath, string venue);

    [LoggerMessage(EventId = 6002, EventName = Executed, Level = LogLevel.Information,
        Message = "{EventName}: order {OrderId} of {TraderId} ({Symbol}) sent to {Venue}, "
            + "attempt={RetryAttempt} error_code={ErrorCode}")]
    private static partial void LogExecuted(ILogger log, string eventName, OrderId orderId, string traderId,
        string symbol, string venue, int retryAttempt, string? errorCode);

    [LoggerMessage(EventId = 6003, EventName = Failed, Level = LogLevel.Warning,
        Message = "{EventName}: order {OrderId} of {TraderId} ({Symbol}) failed at {Venue}: {ErrorCode}: {Reason}")]
    private static partial void LogFailed(ILogger log, string eventName, OrderId orderId, string traderId,
        string symbol, string venue, string? errorCode, string? reason);

    [LoggerMessage(EventId = 6004, EventName = Filled, Level = LogLevel.Information,
        Message = "{EventName}: order {OrderId} of {TraderId}: {Side} {FillQuantity} {Symbol} @ {FillPrice} at "
            + "{Venue}; filled {FilledQuantity} of {Quantity}, now {Status}")]
    private static partial void LogFilled(ILogger log, string eventName, OrderId orderId, string traderId, string side,
        long fillQuantity, string symbol, decimal? fillPrice, string venue, long filledQuantity, long quantity,
        string status);

    [LoggerMessage(EventId = 6005, EventName = Recovered, Level = LogLevel.Information,
        Message = "{EventName}: order {OrderId} of {TraderId} ({Symbol}) found at {Venue} and adopted ({Action}), "
            + "now {Status}")]
    private static partial void LogRecovered(ILogger log, string eventName, OrderId orderId, string traderId,
        string symbol, string venue, string action, string status);

    [LoggerMessage(EventId = 6006, EventName = CancelledByTrader, Level = LogLevel.Information,
        Message = "{EventName}: order {OrderId} of {TraderId} ({Symbol}) cancelled at the trader's request; "
            + "filled {FilledQuantity} of {Quantity}: {Reason}")]
    private static partial void LogCancelledByTrader(ILogger log, string eventName, OrderId orderId, string traderId,
        string symbol, long filledQuantity, long quantity, string? reason);
}
