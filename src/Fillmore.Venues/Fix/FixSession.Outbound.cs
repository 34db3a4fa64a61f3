// Outbound: numbering, the single writer, logon/logout, answering the venue's ResendRequest.
// A new sequence number is taken and the message queued under the session lock, so the queue is
// in sequence order. The writer stores every new-numbered message of a batch (the store groups
// them into one commit), and only then writes the batch's bytes, in order, to the connection each
// was made for: a message made for a connection that has since closed is stored but never written
// (the venue asks for it after the next logon). Replays and gap fills reuse stored numbers.
namespace Fillmore.Venues.Fix;

using System.Buffers;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

internal sealed partial class FixSession
{
    private const int MaxBatch = 256;
    private readonly Dictionary<long, FixOutboundRecord> _recent = [];

    /// <summary>If logged on: numbered, stored, then written. Otherwise nothing, and no number is used.</summary>
    public async ValueTask<(FixWriteStatus Status, long SeqNum)> SendApplicationAsync(string msgType,
        Func<long, FixApplicationMessage> build)
    {
        FixOutgoing item;
        long seq;
        lock (_gate)
        {
            if (_connection is not { LoggedOn: true, SentLogout: false, Closed: false } connection)
                return (FixWriteStatus.NotLoggedOn, 0);
            seq = _nextOut;
            var message = build(seq);
            var now = _time.GetUtcNow();
            var record = new FixOutboundRecord(SessionId, seq, msgType, now, message.Body, message.OrderId,
                message.ClOrdId)
            {
                NewOrder = message.NewOrder,
            };
            item = new FixOutgoing(FixWire.Build(_settings, msgType, seq, now, message.Body), connection, record);
            if (!_outbox.Writer.TryWrite(item)) return (FixWriteStatus.NotLoggedOn, 0);
            _nextOut++;
            Remember(record);
        }
        return (await item.Done.ConfigureAwait(false), seq);
    }

    /// <summary>The stored message with this outbound number (to attribute a Reject), or null.</summary>
    public async ValueTask<FixOutboundRecord?> FindSentAsync(long seqNum)
    {
        lock (_gate) if (_recent.TryGetValue(seqNum, out var known)) return known;
        try
        {
            var rows = await _store.ReadFixOutboundAsync(SessionId, seqNum, seqNum, 1).ConfigureAwait(false);
            return rows.Count == 1 ? rows[0] : null;
        }
        catch (Exception ex)
        {
            Failed($"reading stored message {seqNum} failed: {ex.Message}");
            return null;
        }
    }

    // Under _gate. Rejects name recent messages; older ones are read back from the store.
    private void Remember(FixOutboundRecord record)
    {
        _recent[record.SeqNum] = record;
        if (_recent.Count <= 20_000) return;
        foreach (var old in _recent.Keys.Where(k => k < record.SeqNum - 10_000).ToList()) _recent.Remove(old);
    }

    private FixOutgoing SendAdmin(FixConnection connection, string msgType, string body)
    {
        lock (_gate)
        {
            var seq = _nextOut;
            var now = _time.GetUtcNow();
            var item = new FixOutgoing(FixWire.Build(_settings, msgType, seq, now, body), connection,
                new FixOutboundRecord(SessionId, seq, msgType, now, null));
            if (!_outbox.Writer.TryWrite(item))
            {
                item.Complete(FixWriteStatus.NotLoggedOn);
                return item;
            }
            _nextOut++;
            if (msgType == FixMsgTypes.Logon) connection.LogonSeq = seq;
            return item;
        }
    }

    // A replay or a gap fill: a number already stored, so nothing is stored again.
    private FixOutgoing SendRaw(FixConnection connection, byte[] bytes)
    {
        var item = new FixOutgoing(bytes, connection, null);
        lock (_gate) if (!_outbox.Writer.TryWrite(item)) item.Complete(FixWriteStatus.NotLoggedOn);
        return item;
    }

    private async Task LogOnAsync(FixConnection connection)
    {
        bool reset;
        lock (_gate) reset = _settings.ResetOnLogon || _resetAtNextLogon;
        if (reset) await ResetNumberingAsync(_time.GetUtcNow()).ConfigureAwait(false);
        lock (_gate)
        {
            // After a process start, ask again for the venue's last messages: what was handed to the engine
            // just before a crash may not have been recorded (the copies come PossDup; fills are deduplicated).
            if (!_replayWindowUsed && !reset && _settings.ReplayOnStart > 0)
                _nextIn = Math.Max(1, _highestIn + 1 - _settings.ReplayOnStart);
            _state = FixSessionState.AwaitingLogon;
        }
        var body = new FixFields().Add(FixTags.EncryptMethod, 0L)
            .Add(FixTags.HeartBtInt, (long)_settings.HeartBtInt.TotalSeconds);
        if (reset) body.Add(FixTags.ResetSeqNumFlag, 'Y');
        connection.SentReset = reset;
        var logon = SendAdmin(connection, FixMsgTypes.Logon, body.ToString());
        if (await logon.Done.ConfigureAwait(false) != FixWriteStatus.Written)
            connection.Close("the Logon could not be sent");
    }

    private FixOutgoing? SendLogout(FixConnection connection, string text)
    {
        lock (_gate)
        {
            if (connection.SentLogout || connection.Closed) return null;
            connection.SentLogout = true;
            connection.LogoutSentAt = _time.GetUtcNow();
            _state = FixSessionState.LoggingOut;
        }
        return SendAdmin(connection, FixMsgTypes.Logout, new FixFields().AddText(FixTags.Text, text).ToString());
    }

    // A Logout first, then the close once it is on the wire (closing at once would drop it unsent).
    private async Task LogoutAndCloseAsync(FixConnection connection, string why)
    {
        if (SendLogout(connection, why) is { } logout) await logout.Done.ConfigureAwait(false);
        connection.Close(why);
    }

    private async Task ResetNumberingAsync(DateTimeOffset numberedSince)
    {
        await _store.ResetFixSessionAsync(SessionId, numberedSince).ConfigureAwait(false);
        lock (_gate)
        {
            (_nextOut, _nextIn, _highestIn, _numberedSince) = (1, 1, 0, numberedSince);
            _recent.Clear();
            _resetAtNextLogon = false;
            _replayWindowUsed = true;   // nothing to ask for again in a fresh numbering
        }
        LogRenumbered(SessionId, numberedSince);
    }

    private async Task WriteLoopAsync()
    {
        var reader = _outbox.Reader;
        var batch = new List<FixOutgoing>(MaxBatch);
        var buffer = new ArrayBufferWriter<byte>(8 * 1024);
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && reader.TryRead(out var item)) batch.Add(item);
            await StoreAsync(batch).ConfigureAwait(false);
            await WriteAsync(batch, buffer).ConfigureAwait(false);
        }
    }

    // Every new number of the batch is submitted at once (one group commit), then each is awaited.
    private async Task StoreAsync(List<FixOutgoing> batch)
    {
        var pending = new List<(FixOutgoing Item, Task Stored)>(batch.Count);
        foreach (var item in batch)
            if (item.Record is { } record) pending.Add((item, StoreOne(record)));
        foreach (var (item, stored) in pending)
        {
            try { await stored.ConfigureAwait(false); }
            catch (Exception ex)
            {
                item.StoreFailed = true;
                Failed($"storing outbound message {item.Record!.SeqNum} failed ({ex.Message}); it was not sent");
            }
        }
    }

    private Task StoreOne(FixOutboundRecord record)
    {
        try { return _store.AppendFixOutboundAsync(record).AsTask(); }
        catch (Exception ex) { return Task.FromException(ex); }
    }

    private async Task WriteAsync(List<FixOutgoing> batch, ArrayBufferWriter<byte> buffer)
    {
        var pending = new List<FixOutgoing>(batch.Count);
        FixConnection? target = null;
        foreach (var item in batch)
        {
            if (item.StoreFailed) { item.Complete(FixWriteStatus.StoreFailed); continue; }
            if (item.Connection.Closed) { item.Complete(FixWriteStatus.Stored); continue; }
            if (target is not null && !ReferenceEquals(target, item.Connection))
                await FlushAsync(target, buffer, pending).ConfigureAwait(false);
            target = item.Connection;
            buffer.Write(item.Bytes);
            pending.Add(item);
        }
        if (target is not null) await FlushAsync(target, buffer, pending).ConfigureAwait(false);
    }

    private async Task FlushAsync(FixConnection connection, ArrayBufferWriter<byte> buffer, List<FixOutgoing> items)
    {
        var status = FixWriteStatus.Written;
        try
        {
            await connection.Stream.WriteAsync(buffer.WrittenMemory, connection.Token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            connection.Sent(now);
            lock (_gate) _lastSent = now;
        }
        catch (Exception ex)
        {
            connection.Close($"writing to the venue failed: {ex.Message}");
            status = FixWriteStatus.Stored;
        }
        foreach (var item in items) item.Complete(status);
        items.Clear();
        buffer.ResetWrittenCount();
    }

    // The venue's ResendRequest: stored application messages are replayed (PossDupFlag=Y, OrigSendingTime),
    // everything else (admin messages, numbers never stored, orders the venue already answered, numbers
    // from before the venue lost its numbering) is covered by SequenceReset-GapFill. Stored messages are
    // read and sent one chunk at a time, each chunk written before the next is read.
    private async Task AnswerResendAsync(FixConnection connection, long begin, long end)
    {
        long last;
        lock (_gate)
        {
            last = _nextOut - 1;
            _resendsAnswered++;
        }
        if (end == 0 || end >= last || end == 999_999) end = last;
        LogResendAsked(SessionId, begin, end);
        if (begin < 1 || begin > end) return;
        var gapStart = begin;
        for (var cursor = begin; cursor <= end && !connection.Closed;)
        {
            var rows = await _store.ReadFixOutboundAsync(SessionId, cursor, end, _settings.ResendChunk)
                .ConfigureAwait(false);
            FixOutgoing? lastItem = null;
            var replayable = rows.Where(r => r.IsApplication && r.SeqNum >= connection.GapFillBelow
                && _app.ShouldReplay(r));
            foreach (var row in replayable)
            {
                if (row.SeqNum > gapStart) GapFill(connection, gapStart, row.SeqNum);
                lastItem = Replay(connection, row);
                gapStart = row.SeqNum + 1;
            }
            cursor = rows.Count < _settings.ResendChunk ? end + 1 : rows[^1].SeqNum + 1;
            if (lastItem is not null) await lastItem.Done.ConfigureAwait(false);
        }
        if (gapStart <= end && !connection.Closed) GapFill(connection, gapStart, end + 1);
    }

    private FixOutgoing Replay(FixConnection connection, FixOutboundRecord row)
    {
        lock (_gate) _replayed++;
        var bytes = FixWire.Build(_settings, row.MsgType, row.SeqNum, _time.GetUtcNow(), row.Body!, row.SendingTime);
        return SendRaw(connection, bytes);
    }

    private void GapFill(FixConnection connection, long from, long newSeqNo)
    {
        lock (_gate) _gapFills++;
        var now = _time.GetUtcNow();
        var body = new FixFields().Add(FixTags.GapFillFlag, 'Y').Add(FixTags.NewSeqNo, newSeqNo).ToString();
        SendRaw(connection, FixWire.Build(_settings, FixMsgTypes.SequenceReset, from, now, body, now));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "FIX session {Session}: the venue asks for a resend of {Begin} to {End}.")]
    private partial void LogResendAsked(string session, long begin, long end);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "FIX session {Session}: sequence numbers start again at 1 (numbered since {Since:O}).")]
    private partial void LogRenumbered(string session, DateTimeOffset since);
}
