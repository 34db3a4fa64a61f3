// The journal prototype's writer (JournalBench): group commit like GroupCommitter, but the durable
// record is one append to a plain file. One thread drains the waiting changes, encodes each
// (JournalEncoder: chains audit entries, numbers events, frames the record), writes the whole
// batch with one pwrite at the end of the file, fdatasyncs it, and only then answers the waiters:
// an acknowledgement means the change is in the journal on disk. Each committed change is then
// handed on (to the projector) without waiting for it.
// The file may be zero-filled ahead (preallocate > 0), as a journal's segments would be: then an append
// overwrites blocks that exist and fdatasync has only data to flush; a growing file also needs the
// file system's own journal commit (the new size and blocks) in every fdatasync.
// Not built: refusal checks (version conflicts, duplicates: the journal accepts every change),
// recovery (reading the journal back), segment rotation and reuse.
namespace Fillmore.Bench.Micro;

using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Fillmore.Core.Ports;
using Fillmore.Core.Streaming;
using Microsoft.Win32.SafeHandles;

internal sealed class JournalWriter : IDisposable
{
    /// <summary>The writer thread's name, by which JournalBench finds its CPU time in /proc.</summary>
    public const string ThreadName = "fm-journal";

    private sealed record Pending(IStoreChange Change, TaskCompletionSource<CommitResult> Done);

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly ManualResetEventSlim _work = new(false);
    private readonly ArrayBufferWriter<byte> _batch = new(1 << 20);
    private readonly JournalEncoder _encoder;
    private readonly SafeFileHandle _file;
    private readonly Action<IStoreChange> _committed;
    private readonly int _maxBatch;
    private readonly Thread _thread;
    private volatile bool _closed;
    private long _length, _appends, _changes, _lifecycles;

    public JournalWriter(string path, int partitions, int maxBatch, long preallocate, Action<IStoreChange> committed)
    {
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read);
        ZeroFill(preallocate);
        _encoder = new JournalEncoder(partitions);
        _committed = committed;
        _maxBatch = maxBatch;
        _thread = new Thread(Run) { IsBackground = true, Name = ThreadName };
        _thread.Start();
    }

    /// <summary>Bytes appended (and made durable) so far.</summary>
    public long Length => Interlocked.Read(ref _length);

    /// <summary>Appends so far (one per batch, each followed by one fdatasync).</summary>
    public long Appends => Interlocked.Read(ref _appends);

    public long Changes => Interlocked.Read(ref _changes);

    /// <summary>Order lifecycles journaled so far (changes carrying an order.filled event).</summary>
    public long Lifecycles => Interlocked.Read(ref _lifecycles);

    /// <summary>See JournalEncoder.ChainAndNumberTicks (read after the writer is idle).</summary>
    public long ChainAndNumberTicks => _encoder.ChainAndNumberTicks;

    public ValueTask<CommitResult> SubmitAsync(IStoreChange change)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        var done = new TaskCompletionSource<CommitResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Enqueue(new Pending(change, done));
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
                if (_queue.IsEmpty && !_closed) _work.Wait();
                continue;
            }
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.TryDequeue(out var next)) batch.Add(next);
            try { CommitBatch(batch); }
            catch (Exception ex)
            {
                foreach (var pending in batch) pending.Done.TrySetException(ex);
            }
        }
    }

    private void CommitBatch(List<Pending> batch)
    {
        _batch.ResetWrittenCount();
        var events = new IReadOnlyList<OrderEvent>[batch.Count];
        var lifecycles = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            events[i] = _encoder.Append(batch[i].Change, _batch);
            foreach (var e in events[i]) if (e.Type == OrderEventType.Filled) lifecycles++;
        }
        RandomAccess.Write(_file, _batch.WrittenSpan, _length);
        if (FDataSync((int)_file.DangerousGetHandle()) != 0)
            throw new IOException($"fdatasync of the journal failed: errno {Marshal.GetLastPInvokeError()}");
        Interlocked.Add(ref _length, _batch.WrittenCount);
        Interlocked.Increment(ref _appends);
        Interlocked.Add(ref _changes, batch.Count);
        Interlocked.Add(ref _lifecycles, lifecycles);
        for (var i = 0; i < batch.Count; i++)
            batch[i].Done.TrySetResult(new CommitResult(CommitStatus.Committed, events[i]));
        foreach (var pending in batch) _committed(pending.Change);
    }

    private void ZeroFill(long bytes)
    {
        var zeros = new byte[8 << 20];
        for (var at = 0L; at < bytes; at += zeros.Length)
            RandomAccess.Write(_file, zeros.AsSpan(0, (int)Math.Min(zeros.Length, bytes - at)), at);
        if (bytes > 0 && FDataSync((int)_file.DangerousGetHandle()) != 0)
            throw new IOException($"fdatasync of the journal failed: errno {Marshal.GetLastPInvokeError()}");
    }

    // The data and the file size the appended data needs; not the other inode times (fsync's extra work).
    [DllImport("libc", EntryPoint = "fdatasync", SetLastError = true)]
    private static extern int FDataSync(int fd);

    public void Dispose()
    {
        _closed = true;
        _work.Set();
        _thread.Join();
        _file.Dispose();
        _work.Dispose();
    }
}
