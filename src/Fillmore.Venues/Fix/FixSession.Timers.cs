// Time-driven work, all through TimeProvider: heartbeats when we have been quiet for HeartBtInt,
// a TestRequest when the venue has been quiet for 1.2 intervals (another each further 1.2), the
// connection dropped after 2.4 quiet intervals or an unanswered Logon/Logout; the schedule (log
// out when the trading session ends or a new one begins, wait for the next one, and number a new
// session from 1); and the coalesced saving of the next inbound number.
namespace Fillmore.Venues.Fix;

using System.Globalization;

internal sealed partial class FixSession
{
    private static readonly TimeSpan LogoutTimeout = TimeSpan.FromSeconds(2);
    private int _savingInbound;
    private long _savedInbound = -1;

    private async Task TimerLoopAsync(FixConnection connection)
    {
        var tick = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks, _settings.HeartBtInt.Ticks / 4));
        while (!connection.Closed)
        {
            await Task.Delay(tick, _time, connection.Token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (!connection.LoggedOn)
            {
                if (now - connection.OpenedAt > _settings.LogonTimeout)
                    CloseWithError(connection, $"no Logon answer within {_settings.LogonTimeout.TotalSeconds:0.#} s");
                continue;
            }
            if (connection.SentLogout)
            {
                if (now - connection.LogoutSentAt > LogoutTimeout) connection.Close("no Logout answer");
                continue;
            }
            if (_settings.Schedule.SessionStart(now) != connection.SessionStart)
            {
                SendLogout(connection, "the trading session is over");
                continue;
            }
            KeepAlive(connection, now);
        }
    }

    private void KeepAlive(FixConnection connection, DateTimeOffset now)
    {
        var interval = _settings.HeartBtInt;
        var quiet = now - connection.LastReceived;
        int testRequests;
        lock (_gate) testRequests = connection.TestRequests;
        if (quiet >= interval * 2.4)
        {
            CloseWithError(connection,
                $"the venue was silent for {quiet.TotalSeconds:0.#} s (heartbeat {interval.TotalSeconds:0} s)");
            return;
        }
        if (quiet >= interval * 1.2 * (testRequests + 1))
        {
            lock (_gate) connection.TestRequests = testRequests + 1;
            var id = $"TEST{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
            SendAdmin(connection, FixMsgTypes.TestRequest, new FixFields().Add(FixTags.TestReqId, id).ToString());
        }
        else if (now - connection.LastSent >= interval)
        {
            SendAdmin(connection, FixMsgTypes.Heartbeat, "");
        }
    }

    private void CloseWithError(FixConnection connection, string why)
    {
        Failed(why);
        connection.Close(why);
    }

    // Between trading sessions nobody logs on: wait (re-checking every second) for the next one.
    private async Task<DateTimeOffset?> WaitForSessionAsync(CancellationToken ct)
    {
        while (true)
        {
            if (_settings.Schedule.SessionStart(_time.GetUtcNow()) is { } start) return start;
            SetState(FixSessionState.Disconnected);
            await Task.Delay(TimeSpan.FromSeconds(1), _time, ct).ConfigureAwait(false);
        }
    }

    // A trading session that began after the stored numbering did starts from 1 (as the venue's does).
    private async Task RenumberIfNewSessionAsync(DateTimeOffset? sessionStart, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        DateTimeOffset since;
        lock (_gate) since = _numberedSince;
        if (_settings.Schedule.Always || sessionStart is not { } start || since >= start) return;
        await ResetNumberingAsync(start).ConfigureAwait(false);
    }

    // One save in flight at a time, always of the latest number: a burst of messages costs a few writes.
    // A number saved late is harmless: after a restart the venue resends from it (PossDup copies).
    private void SaveInbound()
    {
        if (Interlocked.Exchange(ref _savingInbound, 1) == 1) return;
        _ = Task.Run(SaveInboundLoopAsync);
    }

    private async Task SaveInboundLoopAsync()
    {
        while (true)
        {
            try
            {
                long next;
                lock (_gate) next = _highestIn + 1;
                while (next != Interlocked.Read(ref _savedInbound))
                {
                    await _store.SaveFixInboundAsync(SessionId, next).ConfigureAwait(false);
                    Interlocked.Exchange(ref _savedInbound, next);
                    lock (_gate) next = _highestIn + 1;
                }
            }
            catch (Exception ex)
            {
                Failed($"saving the next inbound number failed: {ex.Message}");
                try { await Task.Delay(TimeSpan.FromSeconds(1), _time, _stopping.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { Volatile.Write(ref _savingInbound, 0); return; }
            }
            Volatile.Write(ref _savingInbound, 0);
            long latest;
            lock (_gate) latest = _highestIn + 1;
            if (latest == Interlocked.Read(ref _savedInbound)) return;
            if (Interlocked.Exchange(ref _savingInbound, 1) == 1) return;
        }
    }
}
