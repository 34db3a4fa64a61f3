// Builds the change a trigger makes, from the order's own answer (Order.On): Applied adds the
// action's audit entry and event to what the change already holds; Ignored keeps only what it
// already holds (often nothing); Illegal records an ANOMALY entry with the table's code instead.
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class Transit
{
    /// <summary>The audited, announced move of <paramref name="change"/>'s order by
    /// <paramref name="trigger"/>.</summary>
    public static Decision Apply(OrderChange change, OrderTrigger trigger, Step step) =>
        change.Order.On(trigger, step.Now, step.Reason) switch
        {
            TransitionResult.Applied a => new Decision.Commit(change.Moved(a.Moved)
                .Audited(AuditRecord.Of(a.Moved, step.Action, step.Actor, step.Now, reason: step.Reason,
                    errorCode: step.ErrorCode))
                .Emitting(OrderEvent(a.Moved, step))),
            TransitionResult.Illegal i => new Decision.Anomaly(change.Audited(Anomaly(change.Order, step.Now,
                $"{step.Source} reported {ApiNames.Of(trigger)} while the order was "
                    + $"{ApiNames.Of(change.Order.Status)}; "
                + "ignored, reconciliation will settle it.", i.Code)), i.Code),
            _ => Decision.Of(change),
        };

    /// <summary>As Apply, on the order as it is.</summary>
    public static Decision Apply(Order order, OrderTrigger trigger, Step step) =>
        Apply(OrderChange.Of(order, order), trigger, step);

    public static AuditRecord Anomaly(Order order, DateTimeOffset now, string reason,
        string code = ReasonCodes.IllegalTransition) =>
        AuditRecord.Of(order, AuditAction.Anomaly, Actor.System, now, reason: reason, errorCode: code);

    private static Streaming.OrderEvent OrderEvent(Order order, Step step) =>
        Streaming.OrderEvent.Of(order, step.EventType, step.Now, step.VenueTime);
}
