// Group commit: one writer thread drains the queue of pending changes and writes as many as are
// waiting (up to MaxBatch) in ONE transaction, so they share one fsync. Nobody is answered
// before the commit that holds their change is durable. If the batch fails, each change is
// retried alone, so one refused change (stale version, duplicate) never fails its neighbours.
// Committed events are published in commit order before the waiters are released.
// The writer keeps its recent history for health (Health): the last commit's time and latency,
// whether the last transaction failed, and since when the one in progress has been running.
// The writer thread sleeps on an event that SubmitAsync sets directly: waking it takes no thread
// pool hop (an awaited channel read would queue its wake-up behind every other work item, which
// on a busy 2-core machine cost milliseconds per commit).
// Traces: a change keeps the span it was committed under (only while someone samples the "Fillmore"
// source), and its events' publish is an event.publish span under it, so the fan-out to the stream
// ends the trace of the submission, the send or the report that caused it.
namespace Fillmore.Storage;

using System.Collections.Concurrent;
using System.Diagnostics;
using Fillmore.Core.Execution;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;

internal sealed partial class GroupCommitter : IDisposable
{
    private sealed record Pending(IStoreChange Change, TaskCompletionSource<CommitResult> Done,
        ActivityContext Trace);

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly ManualResetEventSlim _work = new(false);
    private volatile bool _closed;
    private readonly IBatchSession _session;
    private readonly IEventPublisher _publisher;
    private readonly int _maxBatch;
    private readonly Thread _thread;
    private readonly string _name;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private volatile StoreHealthReport _health = StoreHealthReport.Unknown;

    public GroupCommitter(IBatchSession session, IEventPublisher publisher, int maxBatch, string name, ILogger log,
        TimeProvider time)
    {
        _time = time;
        _session = session;
        _publisher = publisher;
        _log = log;
        _maxBatch = Math.Max(1, maxBatch);
        _name = name;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>The writer's recent history (written by its thread only, read by anyone).</summary>
    public StoreHealthReport Health => _health;

    public ValueTask<CommitResult> SubmitAsync(IStoreChange change)
    {
        if (_closed) throw new ObjectDisposedException(nameof(GroupCommitter), "The store is closed.");
        var done = new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(new Pending(change, done, EngineTracing.Ambient()));
        _work.Set();
        return new ValueTask<CommitResult>(done.Task);
    }

    private void Run()
    {
        var batch = new List<Pending>(_maxBatch);
        while (true)
        {
            if (_queue.IsEmpty)
            {
                if (_closed) return;
                _work.Reset();
                // A change queued between the check and the reset has set the event again, or is seen here.
                if (_queue.IsEmpty && !_closed) _work.Wait();
                continue;
            }
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
            CommitBatch(batch);
        }
    }

    private void CommitBatch(List<Pending> batch)
    {
        var events = new List<IReadOnlyList<OrderEvent>>(batch.Count);
        var started = Stopwatch.GetTimestamp();
        _health = _health with { WritingSince = _time.GetUtcNow() };
        try
        {
            _session.Begin(batch.Count == 1 ? [batch[0].Change] : batch.ConvertAll(p => p.Change));
            foreach (var pending in batch) events.Add(_session.Apply(pending.Change));
            _session.Commit();
        }
        catch (Exception ex)
        {
            SafeRollback();
            if (batch.Count == 1) Fail(batch[0], ex);
            else foreach (var pending in batch) CommitBatch([pending]);
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        _health = new StoreHealthReport(false, _time.GetUtcNow(), elapsed, _health.LastFailureAt, null);
        StoreMetrics.Committed(batch.Count, elapsed, _name);
        var spans = StartPublishSpans(batch, events);
        Publish(events.Count == 1 ? events[0] : events.SelectMany(e => e).ToList());
        // Newest first, so that each restores the one before it as the thread's current span.
        if (spans is not null) for (var i = spans.Count - 1; i >= 0; i--) spans[i].Dispose();
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(new CommitResult(CommitStatus.Committed,
            events[i]));
    }

    // One span per traced change with events, under the span it was committed in: the whole batch's publish is
    // each one's fan-out. None when nobody listens (no change carries a trace then).
    private static List<Activity>? StartPublishSpans(List<Pending> batch, List<IReadOnlyList<OrderEvent>> events)
    {
        List<Activity>? spans = null;
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Trace == default || events[i].Count == 0) continue;
            var span = EngineTracing.Start(EngineTracing.Publish, batch[i].Trace, ActivityKind.Producer);
            if (span is null) continue;
            span.SetTag(EngineTracing.OrderIdTag, events[i][0].OrderId.ToString());
            span.SetTag(EngineTracing.EventsTag, string.Join(",", events[i].Select(e => e.Type)));
            (spans ??= []).Add(span);
        }
        return spans;
    }

    // The changes are durable already; a subscriber's failure must neither fail them nor stop this
    // thread (clients catch up from the store with since=<seq>).
    private void Publish(IReadOnlyList<OrderEvent> events)
    {
        try { _publisher.Publish(events); }
        catch (Exception ex) { LogPublishFailed(_log, ex, events.Count); }
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Publishing {Count} committed events failed; subscribers will catch up from the store.")]
    private static partial void LogPublishFailed(ILogger log, Exception ex, int count);

    // A refusal is the store at work (it answered); anything else is a write that failed.
    private void Fail(Pending pending, Exception ex)
    {
        if (ex is ChangeRefusedException refused)
        {
            _health = _health with { WritingSince = null };
            pending.Done.TrySetResult(new CommitResult(refused.Status, []));
            return;
        }
        _health = _health with { LastWriteFailed = true, LastFailureAt = _time.GetUtcNow(), WritingSince = null };
        pending.Done.TrySetException(ex);
    }

    private void SafeRollback()
    {
        try { _session.Rollback(); }
        catch (InvalidOperationException) { /* no transaction was open */ }
    }

    // Changes queued before Dispose are still committed; later ones are refused.
    public void Dispose()
    {
        _closed = true;
        _work.Set();
        _thread.Join();
        // A change that raced with the close is refused, not left waiting forever.
        while (_queue.TryDequeue(out var late))
            late.Done.TrySetException(new ObjectDisposedException(nameof(GroupCommitter), "The store is closed."));
        _session.Dispose();
        _work.Dispose();
    }
}
