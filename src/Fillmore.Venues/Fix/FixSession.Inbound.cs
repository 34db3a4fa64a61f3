// Inbound: frames read from the socket (FixFramer: bad length or checksum dropped without using a
// sequence number), header checks, sequence checks and the admin messages. Messages are handled
// one at a time, in arrival order. A number above the expected one asks for a resend (once per
// gap) and drops the message (the venue resends it); below it, a PossDup copy is dropped and
// anything else ends the connection. ResendRequest, SequenceReset-Reset and Logout act whatever
// their number. The venue's Logon with a number at or below one already received (and no reset
// asked) means the venue lost its numbering: its numbering is accepted, and everything sent to it
// before is only ever gap-filled, never replayed (docs/fix.md, "the venue comes back empty").
namespace Fillmore.Venues.Fix;

using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

internal sealed partial class FixSession
{
    private async Task ReadLoopAsync(FixConnection connection)
    {
        var reader = connection.Reader;
        while (!connection.Closed)
        {
            var result = await reader.ReadAsync(connection.Token).ConfigureAwait(false);
            var buffer = result.Buffer;
            while (!connection.Closed)
            {
                var frame = FixFramer.Read(buffer);
                buffer = buffer.Slice(frame.Consumed);
                if (frame.Status == FixFrameStatus.Incomplete) break;
                string? problem = frame.Problem;
                var message = frame.Status == FixFrameStatus.Complete
                    ? FixMessage.Parse(frame.Message, out problem) : null;
                if (message is null) BadFrame(problem ?? "unreadable");
                else await HandleAsync(connection, message).ConfigureAwait(false);
            }
            reader.AdvanceTo(buffer.Start, result.Buffer.End);
            if (result.IsCompleted) connection.Close("the venue closed the connection");
        }
    }

    private void BadFrame(string problem)
    {
        lock (_gate) _badFrames++;
        LogBadFrame(SessionId, problem);
    }

    private async Task HandleAsync(FixConnection connection, FixMessage message)
    {
        var now = _time.GetUtcNow();
        connection.Received(now);
        lock (_gate)
        {
            _lastReceived = now;
            connection.TestRequests = 0;
        }
        if (!await HeaderIsOursAsync(connection, message).ConfigureAwait(false)) return;
        if (!connection.LoggedOn)
        {
            BeforeLogon(connection, message);
            return;
        }
        switch (message.MsgType)
        {
            case FixMsgTypes.ResendRequest:
                message.TryGetLong(FixTags.BeginSeqNo, out var begin);
                message.TryGetLong(FixTags.EndSeqNo, out var end);
                await AnswerResendAsync(connection, begin, end).ConfigureAwait(false);
                if (await InSequenceAsync(connection, message).ConfigureAwait(false)) Advance(message.SeqNum + 1);
                return;
            case FixMsgTypes.SequenceReset when !message.IsYes(FixTags.GapFillFlag):
                SequenceResetReset(connection, message);
                return;
            case FixMsgTypes.Logout:
                await OnLogoutAsync(connection, message).ConfigureAwait(false);
                return;
        }
        if (!await InSequenceAsync(connection, message).ConfigureAwait(false)) return;
        await DispatchAsync(connection, message).ConfigureAwait(false);
    }

    private async Task<bool> HeaderIsOursAsync(FixConnection connection, FixMessage message)
    {
        string? problem = message.BeginString != _settings.BeginString
            ? $"BeginString {message.BeginString} is not {_settings.BeginString}"
            : message.GetString(FixTags.SenderCompId) != _settings.TargetCompId
                || message.GetString(FixTags.TargetCompId) != _settings.SenderCompId
                ? "the CompIDs are not this session's"
            : message.SeqNum <= 0 ? "MsgSeqNum (34) is missing" : null;
        if (problem is null) return true;
        Failed($"the venue sent a message that is not this session's ({problem}): {message}");
        if (connection.LoggedOn) await LogoutAndCloseAsync(connection, problem).ConfigureAwait(false);
        connection.Close(problem);
        return false;
    }

    // Anything but the venue's Logon before it is a protocol error; a Logout says why it refuses us.
    private void BeforeLogon(FixConnection connection, FixMessage message)
    {
        if (message.MsgType == FixMsgTypes.Logon)
        {
            OnLogon(connection, message);
            return;
        }
        var why = message.MsgType == FixMsgTypes.Logout
            ? $"the venue refused the logon: {message.GetString(FixTags.Text) ?? "no reason given"}"
            : $"the venue's first message was {message.MsgType}, not a Logon";
        Failed(why);
        connection.Close(why);
    }

    private void OnLogon(FixConnection connection, FixMessage logon)
    {
        var seq = logon.SeqNum;
        var resetAsked = logon.IsYes(FixTags.ResetSeqNumFlag);
        if (resetAsked && !connection.SentReset)
        {
            lock (_gate) _resetAtNextLogon = true;
            connection.Close("the venue reset the sequence numbers in its Logon; logging on again with a reset");
            return;
        }
        var (tooHigh, venueReset) = (false, false);
        var replaying = false;   // the first logon after a start asks again for recent messages (on purpose)
        lock (_gate)
        {
            if (!resetAsked && seq <= _highestIn && !logon.PossDup) venueReset = VenueLostItsNumbering(connection, seq);
            else if (seq > _nextIn) (tooHigh, replaying) = (true, !_replayWindowUsed && _nextIn <= _highestIn);
            else AdvanceLocked(seq + 1);
            connection.LoggedOn = connection.EverLoggedOn = true;
            _state = FixSessionState.LoggedOn;
            _replayWindowUsed = true;
            _logons++;
            _loggedOnSince = _time.GetUtcNow();
        }
        LogLoggedOn(SessionId, connection.LogonSeq, seq);
        if (replaying) LogReplayOnStart(SessionId, _highestIn + 1 - _nextIn);
        if (tooHigh) RequestResend(connection, seq, quiet: replaying);
        SaveInbound();
        _app.OnLogon(venueReset);
    }

    // Under _gate. The venue numbers from the start again (it restarted with an empty store): replaying
    // what we sent it before could only make it execute orders a second time, so those numbers are gap-filled.
    private bool VenueLostItsNumbering(FixConnection connection, long seq)
    {
        _venueResets++;
        _lastError = $"the venue's Logon came with MsgSeqNum {seq}, at or below {_highestIn} already received: " +
            "it lost its " +
            "sequence numbers; taking its numbering, and gap-filling (never replaying) our messages up to our Logon";
        connection.GapFillBelow = connection.LogonSeq + 1;
        (_highestIn, _nextIn) = (seq, seq + 1);
        LogVenueReset(SessionId, seq);
        return true;
    }

    // Whether the message has the expected number; otherwise acts on the gap or the duplicate.
    private async Task<bool> InSequenceAsync(FixConnection connection, FixMessage message)
    {
        long expected;
        lock (_gate) expected = _nextIn;
        if (message.SeqNum == expected) return true;
        if (message.SeqNum > expected)
        {
            RequestResend(connection, message.SeqNum);
            return false;
        }
        if (message.PossDup)
        {
            lock (_gate) _duplicates++;
            return false;
        }
        var why = $"MsgSeqNum too low, expecting {expected} but received {message.SeqNum}";
        Failed(why);
        await LogoutAndCloseAsync(connection, why).ConfigureAwait(false);
        return false;
    }

    // Asks for everything from the expected number on (EndSeqNo 0: up to the venue's latest), once per gap.
    private void RequestResend(FixConnection connection, long seen, bool quiet = false)
    {
        long from;
        lock (_gate)
        {
            from = _nextIn;
            if (connection.ResendFrom != 0 && seen >= connection.ResendFrom) return;   // already asked
            (connection.ResendFrom, connection.ResendTo) = (from, seen - 1);
            _resendsSent++;
        }
        if (!quiet) LogGap(SessionId, from, seen);
        SendAdmin(connection, FixMsgTypes.ResendRequest,
            new FixFields().Add(FixTags.BeginSeqNo, from).Add(FixTags.EndSeqNo, 0L).ToString());
    }

    private async Task DispatchAsync(FixConnection connection, FixMessage message)
    {
        switch (message.MsgType)
        {
            case FixMsgTypes.Heartbeat or FixMsgTypes.Logon:
                break;
            case FixMsgTypes.TestRequest:
                var heartbeat = new FixFields();
                if (message.GetString(FixTags.TestReqId) is { } id) heartbeat.AddText(FixTags.TestReqId, id);
                SendAdmin(connection, FixMsgTypes.Heartbeat, heartbeat.ToString());
                break;
            case FixMsgTypes.SequenceReset:   // GapFill at the expected number: jump to NewSeqNo
                if (message.TryGetLong(FixTags.NewSeqNo, out var next) && next > message.SeqNum)
                {
                    Advance(next);
                    return;
                }
                break;
            case FixMsgTypes.Reject:
                var refused = message.TryGetLong(FixTags.RefSeqNum, out var refSeq)
                    ? await FindSentAsync(refSeq).ConfigureAwait(false) : null;
                await _app.OnSessionRejectAsync(message, refused).ConfigureAwait(false);
                break;
            default:
                await _app.OnApplicationMessageAsync(message).ConfigureAwait(false);
                break;
        }
        Advance(message.SeqNum + 1);
    }

    // SequenceReset without GapFill: the venue sets our expected number outright, whatever its own number.
    private void SequenceResetReset(FixConnection connection, FixMessage message)
    {
        if (!message.TryGetLong(FixTags.NewSeqNo, out var next)) return;
        long expected;
        lock (_gate) expected = _nextIn;
        if (next > expected) Advance(next);
        else if (next < expected)
            SendAdmin(connection, FixMsgTypes.Reject, new FixFields().Add(FixTags.RefSeqNum, message.SeqNum)
                .Add(FixTags.RefMsgType, FixMsgTypes.SequenceReset).Add(FixTags.SessionRejectReason, 5L)
                .AddText(FixTags.Text, $"NewSeqNo {next} is below the expected {expected}").ToString());
    }

    private async Task OnLogoutAsync(FixConnection connection, FixMessage logout)
    {
        var text = logout.GetString(FixTags.Text);
        if (text is not null && text.Contains("MsgSeqNum", StringComparison.OrdinalIgnoreCase))
            Failed($"the venue logged out: {text}");
        long expected;
        lock (_gate) expected = _nextIn;
        if (logout.SeqNum == expected) Advance(expected + 1);
        var why = $"the venue logged out{(text is null ? "" : $": {text}")}";
        if (!connection.SentLogout) await SendAdmin(connection, FixMsgTypes.Logout, "").Done.ConfigureAwait(false);
        connection.Close(why);
    }

    private void Advance(long next)
    {
        lock (_gate) AdvanceLocked(next);
        SaveInbound();
    }

    // Under _gate. The resend we asked for is satisfied once the numbers reach its end.
    private void AdvanceLocked(long next)
    {
        _nextIn = next;
        _highestIn = Math.Max(_highestIn, next - 1);
        if (_connection is { ResendFrom: not 0 } c && next - 1 >= c.ResendTo) (c.ResendFrom, c.ResendTo) = (0, 0);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "FIX session {Session}: dropped a bad frame ({Problem}).")]
    private partial void LogBadFrame(string session, string problem);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "FIX session {Session}: logged on (our Logon {Ours}, the venue's {Theirs}).")]
    private partial void LogLoggedOn(string session, long ours, long theirs);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "FIX session {Session}: asking the venue again for its last {Count} messages after the start " +
            "(PossDup copies; the engine counts each execution once).")]
    private partial void LogReplayOnStart(string session, long count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "FIX session {Session}: gap, expected {Expected} but got {Seen}; asking for a resend.")]
    private partial void LogGap(string session, long expected, long seen);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "FIX session {Session}: the venue's Logon came with MsgSeqNum {Seq}: it lost its numbering; " +
            "old messages are gap-filled, never replayed.")]
    private partial void LogVenueReset(string session, long seq);
}
