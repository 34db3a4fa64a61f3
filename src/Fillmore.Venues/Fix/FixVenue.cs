// A FIX 4.4 / 4.2 venue (IVenue) over Fillmore's own initiator session (FixSession, docs/fix.md).
// Every failure is classified, never thrown (only the caller's own cancellation is): not logged on
// means nothing was sent (Retryable, no sequence number used); sent without an answer in time is
// Unknown. A request registers its waiter before it is sent, then takes the venue's first answer
// for that order: an ExecutionReport, an OrderCancelReject, or a Reject/BusinessMessageReject
// attributed through the refused message's sequence number. Every fill, cancel and expiry also
// goes on Reports (the engine counts each execution once, whichever copy comes first); a refusal
// that answered a waiting request is that request's outcome only.
// No blind re-send: QueryAsync asks the venue only if it answers status requests. Otherwise an
// order that any FIX session ever stored is Unknown (it may be at the venue), and one that none
// stored is NotFound: it was never written to a socket, so the venue cannot have it. An Unknown
// says MayHaveLost when the venue broke since it last spoke of the order (FixVenue.Breaks).
namespace Fillmore.Venues.Fix;

using System.Collections.Concurrent;
using System.Threading.Channels;
using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

public sealed partial class FixVenue : IVenue, IVenueHealth, IAsyncDisposable
{
    private readonly FixSessionSettings _settings;
    private readonly IFixSessionStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly FixSession _session;
    private readonly Task _started;
    private readonly Channel<ExecutionReport> _reports =
        Channel.CreateUnbounded<ExecutionReport>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly ConcurrentDictionary<(OrderId, FixRequestKind), TaskCompletionSource<object?>> _waiting = new();
    private readonly ConcurrentDictionary<OrderId, FixOrderLink> _links = new();
    private readonly FixAnsweredSet _answered = new(100_000);
    private volatile TaskCompletionSource _logon = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastReportTicks;

    /// <summary>When the venue's last execution report was passed on (null: none yet).</summary>
    private DateTimeOffset? LastReportAt => Interlocked.Read(ref _lastReportTicks) is var t and > 0
        ? new DateTimeOffset(t, TimeSpan.Zero) : null;

    public FixVenue(FixSessionSettings settings, IFixSessionStore store, TimeProvider time, ILoggerFactory? logs = null)
    {
        (_settings, _store, _time) = (settings, store, time);
        logs ??= NullLoggerFactory.Instance;
        _log = logs.CreateLogger<FixVenue>();
        _session = new FixSession(settings, store, time, logs.CreateLogger<FixSession>());
        _started = Task.Run(StartAsync);
    }

    public string Name => _settings.VenueName;
    public VenueCapabilities Capabilities => _settings.Capabilities.ForEngine;

    /// <summary>What this FIX venue does natively, as its connection string declares it.</summary>
    public FixVenueCapabilities FixCapabilities => _settings.Capabilities;
    public FixSessionSettings Settings => _settings;
    public ChannelReader<ExecutionReport> Reports => _reports.Reader;
    public bool IsLoggedOn => _session.IsLoggedOn;

    /// <summary>
    /// Raised on every logon (reports missed while down come as resends; reconcile anyway: the orders a venue may
    /// have lost in a break are reported in doubt then).
    /// </summary>
    public event EventHandler? Reconnected;

    public FixSessionSnapshot Snapshot() => _session.Snapshot();

    /// <summary>Reachable and connected while the session is logged on: nothing can be sent otherwise.</summary>
    public VenueHealthReport Health
    {
        get
        {
            var session = _session.Snapshot();
            return new VenueHealthReport("fix", session.LoggedOn, session.LoggedOn, LastReportAt,
                session.LastReceivedAt, session.LoggedOn ? null
                    : $"The FIX session is {ApiNames.Of(session.State)}, not logged on.");
        }
    }

    /// <summary>Waits (bounded) until the session is logged on; false if it was not in time.</summary>
    public async Task<bool> WaitUntilLoggedOnAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        if (IsLoggedOn) return true;
        try
        {
            await _logon.Task.WaitAsync(timeout, _time, ct).ConfigureAwait(false);
            return IsLoggedOn;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task StartAsync()
    {
        try { await _session.StartAsync(this).ConfigureAwait(false); }
        catch (Exception ex) { LogStartFailed(ex, _settings.SessionId); }
    }

    public async ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default)
    {
        if (_settings.Capabilities.Refusal(order.Terms, Name) is { } refusal) return refusal;
        // Defence in depth: an order FIX stored once is never sent as a new order again (the venues
        // here do not deduplicate ClOrdID); only the session's own numbered resend may repeat it.
        switch (await LinkAsync(order.Id, ct).ConfigureAwait(false))
        {
            case FixOrderLink:
                return new VenueOutcome.Unknown(ReasonCodes.FixAlreadySent,
                    $"order {order.Id} was sent to {Name} before and " +
                    "the venue cannot be asked about it, so it is not sent again");
            case VenueOutcome.Unknown unreadable:
                return new VenueOutcome.Retryable(unreadable.Code, $"{unreadable.Reason}; nothing was sent",
                    _settings.ReconnectDelay);
        }
        SpokenOf(order.Id);
        var answer = await RequestAsync(order.Id, FixRequestKind.Submit, FixMsgTypes.NewOrderSingle,
            _ => FixOrderMessages.NewOrderSingle(order, _settings.SessionId, _time.GetUtcNow()), ct)
            .ConfigureAwait(false);
        return answer as VenueOutcome ?? Unanswered(answer, "the order");
    }

    public async ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default)
    {
        if (!_settings.Capabilities.Cancel)
            return new VenueOutcome.Rejected(ReasonCodes.CancelNotSupported,
                $"{Name} does not take cancel requests; the order stays as it is at the venue.");
        var link = await LinkAsync(id, ct).ConfigureAwait(false);
        if (link is not FixOrderLink known) return link as VenueOutcome ?? NeverSent(id);
        var answer = await RequestAsync(id, FixRequestKind.Cancel, FixMsgTypes.OrderCancelRequest,
            seq => FixOrderMessages.Cancel(known, seq, _time.GetUtcNow()), ct).ConfigureAwait(false);
        return answer as VenueOutcome ?? Unanswered(answer, "the cancel request");
    }

    /// <summary>
    /// Amends a working order (OrderCancelReplaceRequest): OrigClOrdID is the ClOrdID the venue knows it by
    /// now, the new ClOrdID "&lt;OrderId&gt;.&lt;order.Version&gt;" (the version that recorded the amend).
    /// Confirmed once the venue reports it Replaced; from then on its reports carry the new ClOrdID, which
    /// maps to the same order.
    /// </summary>
    public async ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default)
    {
        if (!_settings.Capabilities.Replace)
            return new VenueOutcome.Rejected(ReasonCodes.ReplaceNotSupported,
                $"{Name} does not take replace requests; cancel and send a new order.");
        if (_settings.Capabilities.Refusal(terms, Name) is { } refusal) return refusal;
        var link = await LinkAsync(order.Id, ct).ConfigureAwait(false);
        if (link is not FixOrderLink known) return link as VenueOutcome ?? NeverSent(order.Id);
        var answer = await RequestAsync(order.Id, FixRequestKind.Replace, FixMsgTypes.OrderCancelReplaceRequest,
            _ => FixOrderMessages.Replace(known, order, terms, _time.GetUtcNow()), ct).ConfigureAwait(false);
        return answer as VenueOutcome ?? Unanswered(answer, "the replace request");
    }

    public async ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default)
    {
        var link = await LinkAsync(id, ct).ConfigureAwait(false);
        if (link is VenueOutcome.Unknown unreadable) return new VenueQuery.Unknown(unreadable.Reason);
        if (link is not FixOrderLink known) return new VenueQuery.NotFound();   // never stored: never written anywhere
        if (!_settings.Capabilities.StatusRequests)
            return MayHaveLost(id) is { } lost ? new VenueQuery.Unknown(lost) { MayHaveLost = true }
                : new VenueQuery.Unknown($"{Name} cannot answer status requests, so whether it has the order " +
                    "is known only from its execution reports; Fillmore does not send it again");
        var answer = await RequestAsync(id, FixRequestKind.Status, FixMsgTypes.OrderStatusRequest,
            _ => FixOrderMessages.Status(known), ct).ConfigureAwait(false);
        return answer is FixMessage report ? FixStatus.ToQuery(report, known, Name)
            : new VenueQuery.Unknown(answer is VenueOutcome o
                ? Describe(o) : $"{Name} did not answer the status request");
    }

    /// <summary>FIX gives no list of working orders here (no mass status): the engine cannot ask, so null.</summary>
    public ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<VenueOrderState>?>(null);

    // Registers the waiter, sends, and waits (bounded) for the first answer: a VenueOutcome, a status
    // report (FixMessage), a FixWriteStatus when nothing could be sent, or null when none came in time.
    private async ValueTask<object?> RequestAsync(OrderId id, FixRequestKind kind, string msgType,
        Func<long, FixApplicationMessage> build, CancellationToken ct)
    {
        var waiter = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_waiting.TryAdd((id, kind), waiter))
            return new VenueOutcome.Unknown(ReasonCodes.FixRequestInFlight,
                $"an earlier {kind} request for this order is still unanswered");
        try
        {
            var (status, _) = await _session.SendApplicationAsync(msgType, build).ConfigureAwait(false);
            if (status is FixWriteStatus.NotLoggedOn or FixWriteStatus.StoreFailed) return status;
            return await waiter.Task.WaitAsync(_settings.AnswerTimeout, _time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception ex)
        {
            return new VenueOutcome.Unknown(ReasonCodes.FixSendFailed, ex.Message);
        }
        finally
        {
            _waiting.TryRemove(KeyValuePair.Create((id, kind), waiter));
        }
    }

    private VenueOutcome Unanswered(object? answer, string what) => answer switch
    {
        FixWriteStatus.NotLoggedOn => new VenueOutcome.Retryable(ReasonCodes.FixNotLoggedOn,
            $"the FIX session with {Name} is not logged on; {what} was not sent", _settings.ReconnectDelay),
        FixWriteStatus.StoreFailed => new VenueOutcome.Retryable(ReasonCodes.FixStoreFailed,
            $"{what} could not be stored before sending, so it was not sent", _settings.ReconnectDelay),
        _ => new VenueOutcome.Unknown(ReasonCodes.FixNoAnswer,
            $"{Name} did not answer {what} within {_settings.AnswerTimeout.TotalSeconds:0.#} s; " +
            "it was sent and may have been processed"),
    };

    private VenueOutcome.Rejected NeverSent(OrderId id) =>
        new(ReasonCodes.UnknownOrder,
            $"No FIX session ever sent order {id} to {Name}, so there is nothing to cancel or amend there.");

    // The order's link: cached, else read from the store. A VenueOutcome.Unknown when the store cannot be read.
    private async ValueTask<object?> LinkAsync(OrderId id, CancellationToken ct)
    {
        if (_links.TryGetValue(id, out var cached)) return cached;
        try
        {
            var link = await _store.FindFixOrderAsync(id, ct).ConfigureAwait(false);
            if (link is not null) _links[id] = link;
            return link;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception ex)
        {
            return new VenueOutcome.Unknown(ReasonCodes.FixStoreUnreadable,
                $"the FIX session store could not be read ({ex.Message})");
        }
    }

    private static string Describe(VenueOutcome outcome) => outcome switch
    {
        VenueOutcome.Rejected r => r.Reason,
        VenueOutcome.Retryable r => r.Reason,
        VenueOutcome.Unknown u => u.Reason,
        VenueOutcome.Fatal f => f.Reason,
        _ => outcome.GetType().Name,
    };

    public async ValueTask DisposeAsync()
    {
        await _started.ConfigureAwait(false);
        await _session.DisposeAsync().ConfigureAwait(false);
        _reports.Writer.TryComplete();
    }

    /// <summary>Stops without a Logout, as a crash would (tests: Fillmore dies mid-session).</summary>
    internal async ValueTask CrashAsync()
    {
        await _started.ConfigureAwait(false);
        await _session.CrashAsync().ConfigureAwait(false);
        _reports.Writer.TryComplete();
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "FIX session {Session} could not load its stored state; it will not connect.")]
    private partial void LogStartFailed(Exception ex, string session);
}
