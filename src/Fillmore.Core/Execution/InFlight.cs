// The one owner of this process's in-flight work: orders queued to be sent and never sent
// (unsent), orders whose request is on its way to the venue (sending), reports that overtook that
// request's answer (parked until it is recorded, so the trail reads in order), orders between
// attempts (the number of the next attempt) and their retry timers. Nothing else touches these
// collections. Operations that decide with them (Take, BeginSending, TryPark, EndSending) run
// inside the order's trader gate, so they see one consistent picture.
namespace Fillmore.Core.Execution;

using System.Collections.Concurrent;
using System.Threading.Channels;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class InFlight(TimeProvider time)
{
    private readonly Channel<OrderId> _queue = Channel.CreateUnbounded<OrderId>();
    // Queued by this process and not yet picked up: provably never sent, so safe to cancel locally.
    private readonly ConcurrentDictionary<OrderId, byte> _unsent = new();
    private readonly ConcurrentDictionary<OrderId, byte> _sending = new();
    private readonly ConcurrentDictionary<OrderId, List<ExecutionReport>> _parked = new();
    private readonly ConcurrentDictionary<OrderId, int> _nextAttempt = new();
    private readonly ConcurrentDictionary<OrderId, ITimer> _retryTimers = new();

    /// <summary>The trace each order's submission started, for its send and its reports to join.</summary>
    public OrderTraces Traces { get; } = new();

    /// <summary>Orders due to be sent (first sends and re-sends), in the order they became due.</summary>
    public ChannelReader<OrderId> Due => _queue.Reader;

    /// <summary>Queues an order that is persisted and was never sent by this process; one already queued, on the
    /// wire or waiting for a re-send is not queued again (two reconciliations may both find it missing).</summary>
    public void Enqueue(OrderId id)
    {
        if (_sending.ContainsKey(id) || _nextAttempt.ContainsKey(id) || !_unsent.TryAdd(id, 0)) return;
        Traces.Capture(id);
        _queue.Writer.TryWrite(id);
    }

    /// <summary>Whether this process is working on the order (queued, sending, or between attempts).</summary>
    public bool IsBusy(OrderId id) =>
        _unsent.ContainsKey(id) || _sending.ContainsKey(id) || _nextAttempt.ContainsKey(id);

    public bool IsSending(OrderId id) => _sending.ContainsKey(id);

    /// <summary>How many orders this process is working on (queued, sending, between attempts).</summary>
    public int Count => _unsent.Keys.Union(_sending.Keys).Union(_nextAttempt.Keys).Count();

    /// <summary>In the gate: takes the order off the queue's books; says whether it was never sent and which attempt is
    /// due.</summary>
    public SendSlot Take(OrderId id) =>
        new(_unsent.TryRemove(id, out _), _nextAttempt.TryRemove(id, out var attempt) ? attempt : 0,
            _sending.ContainsKey(id));

    /// <summary>In the gate: the order's request is about to go out; its reports are parked until EndSending.</summary>
    public void BeginSending(OrderId id) => _sending[id] = 0;

    /// <summary>In the gate: parks the report if the order's request is on its way (true), otherwise leaves it
    /// (false).</summary>
    public bool TryPark(OrderId id, ExecutionReport report)
    {
        if (!_sending.ContainsKey(id)) return false;
        _parked.AddOrUpdate(id, _ => [report], (_, list) => [.. list, report]);
        return true;
    }

    /// <summary>In the gate: the answer is being recorded; returns the reports parked meanwhile, in arrival
    /// order.</summary>
    public IReadOnlyList<ExecutionReport> EndSending(OrderId id)
    {
        _sending.TryRemove(id, out _);
        return _parked.TryRemove(id, out var parked) ? parked : [];
    }

    /// <summary>Queues re-send number <paramref name="attempt"/> after <paramref name="delay"/>.</summary>
    public void RetryLater(OrderId id, int attempt, TimeSpan delay)
    {
        _nextAttempt[id] = attempt;
        var timer = time.CreateTimer(_ =>
        {
            if (_retryTimers.TryRemove(id, out var t)) t.Dispose();
            _queue.Writer.TryWrite(id);
        }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _retryTimers[id] = timer;
        timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Another node owns the order now: this process stops working on it.</summary>
    public void Abandon(OrderId id)
    {
        _unsent.TryRemove(id, out _);
        _nextAttempt.TryRemove(id, out _);
        Traces.Forget(id);
    }
}
