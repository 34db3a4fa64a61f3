// Group commit: one writer thread drains the queue of pending changes and writes as many as are
// waiting (up to MaxBatch) in ONE transaction, so they share one fsync. Nobody is answered
// before the commit that holds their change is durable. If the batch fails, each change is
// retried alone, so one refused change (stale version, duplicate) never fails its neighbours.
// Committed events are published in commit order before the waiters are released.
namespace Fillmore.Storage;

using System.Threading.Channels;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Extensions.Logging;

internal sealed partial class GroupCommitter : IDisposable
{
    private sealed record Pending(IStoreChange Change, TaskCompletionSource<CommitResult> Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IBatchSession _session;
    private readonly IEventPublisher _publisher;
    private readonly int _maxBatch;
    private readonly Thread _thread;
    private readonly ILogger _log;

    public GroupCommitter(IBatchSession session, IEventPublisher publisher, int maxBatch, string name, ILogger log)
    {
        _session = session;
        _publisher = publisher;
        _log = log;
        _maxBatch = Math.Max(1, maxBatch);
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public ValueTask<CommitResult> SubmitAsync(IStoreChange change)
    {
        var done = new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite(new Pending(change, done)))
            throw new ObjectDisposedException(nameof(GroupCommitter), "The store is closed.");
        return new ValueTask<CommitResult>(done.Task);
    }

    private void Run()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _queue.Reader;
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out var next)) batch.Add(next);
            CommitBatch(batch);
        }
    }

    private void CommitBatch(List<Pending> batch)
    {
        var events = new List<IReadOnlyList<OrderEvent>>(batch.Count);
        try
        {
            _session.Begin();
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
        Publish(events.Count == 1 ? events[0] : events.SelectMany(e => e).ToList());
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(new CommitResult(CommitStatus.Committed, events[i]));
    }

    // The changes are durable already; a subscriber's failure must neither fail them nor stop this
    // thread (clients catch up from the store with since=<seq>).
    private void Publish(IReadOnlyList<OrderEvent> events)
    {
        try { _publisher.Publish(events); }
        catch (Exception ex) { LogPublishFailed(_log, ex, events.Count); }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing {Count} committed events failed; subscribers will catch up from the store.")]
    private static partial void LogPublishFailed(ILogger log, Exception ex, int count);

    private static void Fail(Pending pending, Exception ex)
    {
        if (ex is ChangeRefusedException refused) pending.Done.TrySetResult(new CommitResult(refused.Status, []));
        else pending.Done.TrySetException(ex);
    }

    private void SafeRollback()
    {
        try { _session.Rollback(); }
        catch (InvalidOperationException) { /* no transaction was open */ }
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _thread.Join();
        _session.Dispose();
    }
}
