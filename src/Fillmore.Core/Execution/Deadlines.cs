// The one owner of this process's deadline timers: when each open order with a DAY or GTD time in
// force ends (Order.ExpiresAt), or its max wait runs out (Order.TimeoutAt): one timer per order, for
// the first deadline still to come. Scheduled when an order is created and again from the store at
// start-up (a deadline already past fires at once); a fired deadline queues the order, and the
// engine decides what it means (ExpiryDecider) in the order's gate.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using System.Threading.Channels;
using Fillmore.Core.Orders;

public sealed class Deadlines(TimeProvider time)
{
    private readonly ConcurrentDictionary<OrderId, ITimer> _timers = new();
    private readonly Channel<OrderId> _due = Channel.CreateUnbounded<OrderId>();

    /// <summary>Orders whose deadline came, waiting to be expired.</summary>
    public ChannelReader<OrderId> Due => _due.Reader;

    public int Count => _timers.Count;

    /// <summary>Times the order's next deadline (after <paramref name="after"/>, when given: the one that just came
    /// is not timed again).</summary>
    public void Schedule(Order order, DateTimeOffset? after = null)
    {
        // An order SMART split ends with its children, which carry its deadlines.
        if (order.NextDeadline(after) is not { } deadline || order.Status.IsTerminal() || order.IsRoutedParent
            || _timers.ContainsKey(order.Id))
            return;
        var wait = deadline - time.GetUtcNow();
        var timer = time.CreateTimer(_ =>
        {
            if (_timers.TryRemove(order.Id, out var t)) t.Dispose();
            _due.Writer.TryWrite(order.Id);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (!_timers.TryAdd(order.Id, timer))
        {
            timer.Dispose();
            return;
        }
        timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public void Forget(OrderId id)
    {
        if (_timers.TryRemove(id, out var timer)) timer.Dispose();
    }
}
