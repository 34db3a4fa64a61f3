// What the session hands up (IFixApplication): ExecutionReports, OrderCancelRejects, and the two
// rejects that name a message only by its sequence number (35=3 Reject, 35=j BusinessMessageReject),
// which are attributed to their order through the stored message. Each answers the request waiting
// for it, if any; fills, cancels and expiries always go on Reports too, and a refusal that no request
// is waiting for any more (it timed out) goes on Reports so that the order does not stay in doubt.
// Trade busts and corrections are not applied: they are logged for an operator (docs/fix.md).
namespace Fillmore.Venues.Fix;

using Fillmore.Core;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Logging;

public sealed partial class FixVenue : IFixApplication
{
    // A break is counted before the engine hears of the logon, so that its reconciliation sees it.
    void IFixApplication.OnLogon(bool venueReset)
    {
        OnBreak(venueReset);
        _logon.TrySetResult();
        try { Reconnected?.Invoke(this, EventArgs.Empty); }
        catch (Exception ex) { LogHandlerFailed(ex); }
    }

    // The next WaitUntilLoggedOnAsync waits for the next logon.
    void IFixApplication.OnLogout(string reason)
    {
        if (_logon.Task.IsCompleted)
            _logon = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    bool IFixApplication.ShouldReplay(FixOutboundRecord message) => !_answered.Contains(message.ClOrdId);

    async ValueTask IFixApplication.OnApplicationMessageAsync(FixMessage message)
    {
        switch (message.MsgType)
        {
            case FixMsgTypes.ExecutionReport:
                await OnExecutionReportAsync(message).ConfigureAwait(false);
                break;
            case FixMsgTypes.OrderCancelReject:
                OnCancelReject(message);
                break;
            case FixMsgTypes.BusinessMessageReject:
                var refused = message.TryGetLong(FixTags.RefSeqNum, out var seq)
                    ? await _session.FindSentAsync(seq).ConfigureAwait(false) : null;
                var code = message.Is(FixTags.BusinessRejectReason, '3') ? ReasonCodes.NotSupported
                    : ReasonCodes.FixBusinessReject;
                Refused(message, refused, code);
                break;
            default:
                LogIgnored(message.MsgType, message.SeqNum);
                break;
        }
    }

    ValueTask IFixApplication.OnSessionRejectAsync(FixMessage reject, FixOutboundRecord? refused)
    {
        Refused(reject, refused, ReasonCodes.FixSessionReject);
        return ValueTask.CompletedTask;
    }

    private async Task OnExecutionReportAsync(FixMessage er)
    {
        var clOrdId = er.GetString(FixTags.ClOrdId);
        var orig = er.GetString(FixTags.OrigClOrdId);
        if (!FixClOrdIds.TryParse(clOrdId, out var id) && !FixClOrdIds.TryParse(orig, out id))
        {
            LogUnknownOrder(clOrdId ?? orig ?? "(none)", er.SeqNum);
            return;
        }
        _answered.Add(clOrdId);
        _answered.Add(orig);
        if (!er.PossDup) SpokenOf(id, ended: Ended(er));
        if (er.Is(FixTags.ExecTransType, '1') || er.Is(FixTags.ExecTransType, '2') || er.Is(FixTags.ExecType, 'H')
            || er.Is(FixTags.ExecType, 'G'))
        {
            LogCorrection(id, er.ToString());
            return;
        }
        if (er.Is(FixTags.ExecTransType, '3') || er.Is(FixTags.ExecType, 'I'))
        {
            Complete(id, FixRequestKind.Status, er);
            return;
        }
        var execType = er.TryGet(FixTags.ExecType, out var t) && t.Length == 1 ? (char)t[0] : '?';
        await OnExecTypeAsync(er, id, clOrdId, execType).ConfigureAwait(false);
    }

    private async Task OnExecTypeAsync(FixMessage er, OrderId id, string? clOrdId, char execType)
    {
        var now = _time.GetUtcNow();
        var when = FixReports.When(er, now);
        switch (execType)
        {
            case '0' or 'A':
                Complete(id, FixRequestKind.Submit, new VenueOutcome.Confirmed(when));
                break;
            case '1' or '2' or 'F':
                if (FixReports.Fill(er, id, Name, now, out var problem) is not { } fill)
                {
                    LogBadReport(id, problem!, er.ToString());
                    return;
                }
                Report(fill);
                Complete(id, FixRequestKind.Submit, new VenueOutcome.Confirmed(when) { Executions = [fill] });
                break;
            case '4' or 'C':
                var kind = execType == '4' ? ExecutionKind.Cancelled : ExecutionKind.Expired;
                var ended = FixReports.Ended(er, id, kind, Name, now,
                    execType == '4' ? "Cancelled at the venue" : "Expired at the venue");
                Report(ended);
                if (execType == 'C' || !Complete(id, FixRequestKind.Cancel, new VenueOutcome.Confirmed(when)))
                    Complete(id, FixRequestKind.Submit, new VenueOutcome.Confirmed(when) { Executions = [ended] });
                break;
            case '6':
                Complete(id, FixRequestKind.Cancel, new VenueOutcome.Confirmed(when));
                break;
            case '5' or 'E':
                if (execType == '5' && clOrdId is not null) await ReplacedAsync(id, clOrdId).ConfigureAwait(false);
                Complete(id, FixRequestKind.Replace, new VenueOutcome.Confirmed(when));
                // The engine applies the new terms when the venue says they are in force (a repeat changes nothing).
                if (execType == '5')
                    Report(FixReports.Ended(er, id, ExecutionKind.Replaced, Name, now, "Replaced at the venue"));
                break;
            case '8':
                RejectedByVenue(er, id, clOrdId, now);
                break;
            default:
                LogIgnored($"ExecutionReport with ExecType {execType}", er.SeqNum);
                break;
        }
    }

    private void RejectedByVenue(FixMessage er, OrderId id, string? clOrdId, DateTimeOffset now)
    {
        var text = FixFields.Sanitise(er.GetString(FixTags.Text));
        var reason = $"{Name} rejected it{(text.Length > 0 ? $": {text}" : "")}";
        var replacing = clOrdId is not null && clOrdId != FixClOrdIds.Of(id)
            && _waiting.ContainsKey((id, FixRequestKind.Replace));
        var kind = replacing ? FixRequestKind.Replace : FixRequestKind.Submit;
        if (!Complete(id, kind, new VenueOutcome.Rejected(ReasonCodes.VenueRejected, reason))
            && kind == FixRequestKind.Submit)
            Report(FixReports.Ended(er, id, ExecutionKind.Rejected, Name, now, $"{Name} rejected the order"));
    }

    private async Task ReplacedAsync(OrderId id, string clOrdId)
    {
        if (_links.TryGetValue(id, out var link)) _links[id] = link with { ClOrdId = clOrdId };
        try { await _store.SaveFixClOrdIdAsync(id, clOrdId).ConfigureAwait(false); }
        catch (Exception ex) { LogStoreFailed(ex, id); }
    }

    private void OnCancelReject(FixMessage reject)
    {
        var clOrdId = reject.GetString(FixTags.ClOrdId);
        if (!FixClOrdIds.TryParse(reject.GetString(FixTags.OrigClOrdId), out var id)
            && !FixClOrdIds.TryParse(clOrdId, out id))
        {
            LogUnknownOrder(clOrdId ?? "(none)", reject.SeqNum);
            return;
        }
        _answered.Add(clOrdId);
        var text = FixFields.Sanitise(reject.GetString(FixTags.Text));
        var detail = text.Length > 0 ? $": {text}" : "";
        if (reject.Is(FixTags.CxlRejResponseTo, '2'))
        {
            if (!Complete(id, FixRequestKind.Replace,
                new VenueOutcome.Rejected(ReasonCodes.ReplaceRejected, $"{Name} refused the amendment{detail}")))
                Report(FixReports.Ended(reject, id, ExecutionKind.ReplaceRejected, Name, _time.GetUtcNow(),
                    $"{Name} refused the amendment"));
            return;
        }
        var refused = new VenueOutcome.Rejected(ReasonCodes.CancelRejected, $"{Name} refused the cancel{detail}");
        if (!Complete(id, FixRequestKind.Cancel, refused))
            Report(FixReports.Ended(reject, id, ExecutionKind.CancelRejected, Name, _time.GetUtcNow(),
                $"{Name} refused the cancel"));
    }

    // 35=3 and 35=j name the refused message only by RefSeqNum: the stored message says which order and request.
    private void Refused(FixMessage reject, FixOutboundRecord? refused, string code)
    {
        var text = FixFields.Sanitise(reject.GetString(FixTags.Text));
        var field = reject.TryGetLong(FixTags.RefTagId, out var tag) ? $" (tag {tag})" : "";
        if (refused?.OrderId is not { } id)
        {
            LogUnattributed(reject.MsgType, reject.ToString());
            return;
        }
        _answered.Add(refused.ClOrdId);
        var reason = $"{Name} refused the message{field}{(text.Length > 0 ? $": {text}" : "")}";
        var (kind, ifLate) = refused.MsgType switch
        {
            FixMsgTypes.NewOrderSingle => (FixRequestKind.Submit, ExecutionKind.Rejected),
            FixMsgTypes.OrderCancelRequest => (FixRequestKind.Cancel, ExecutionKind.CancelRejected),
            FixMsgTypes.OrderCancelReplaceRequest => (FixRequestKind.Replace, (ExecutionKind?)null),
            _ => (FixRequestKind.Status, null),
        };
        var outcomeCode = code == ReasonCodes.NotSupported ? NotSupported(kind) : code;
        if (Complete(id, kind, new VenueOutcome.Rejected(outcomeCode, reason)) || ifLate is not { } late) return;
        Report(new ExecutionReport(id, late, $"{code}/{id}/{reject.SeqNum}", 0, 0, 0, 0, 0, Name,
            FixReports.When(reject, _time.GetUtcNow()), reason));
    }

    // OrdStatus Filled, Canceled, Rejected, Expired: the venue holds the order no more.
    private static bool Ended(FixMessage er) => er.Is(FixTags.OrdStatus, '2') || er.Is(FixTags.OrdStatus, '4')
        || er.Is(FixTags.OrdStatus, '8') || er.Is(FixTags.OrdStatus, 'C');

    private static string NotSupported(FixRequestKind kind) => kind switch
    {
        FixRequestKind.Cancel => ReasonCodes.CancelNotSupported,
        FixRequestKind.Replace => ReasonCodes.ReplaceNotSupported,
        FixRequestKind.Status => ReasonCodes.StatusNotSupported,
        _ => ReasonCodes.OrderNotSupported,
    };

    private bool Complete(OrderId id, FixRequestKind kind, object answer) =>
        _waiting.TryGetValue((id, kind), out var waiter) && waiter.TrySetResult(answer);

    private void Report(ExecutionReport report)
    {
        _reports.Writer.TryWrite(report);
        Interlocked.Exchange(ref _lastReportTicks, _time.GetUtcNow().UtcTicks);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A Reconnected handler failed.")]
    private partial void LogHandlerFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Information, Message = "FIX: ignored {What} (seq {Seq}).")]
    private partial void LogIgnored(string what, long seq);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "FIX: a report for ClOrdID {ClOrdId} (seq {Seq}) names no order Fillmore sent.")]
    private partial void LogUnknownOrder(string clOrdId, long seq);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "FIX: a trade bust or correction for order {OrderId} is not applied; an operator must settle it: " +
            "{Message}")]
    private partial void LogCorrection(OrderId orderId, string message);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "FIX: an execution report for order {OrderId} cannot be read ({Problem}): {Message}")]
    private partial void LogBadReport(OrderId orderId, string problem, string message);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "FIX: a {MsgType} names no order message Fillmore stored: {Message}")]
    private partial void LogUnattributed(string msgType, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "FIX: the new ClOrdID of order {OrderId} could not be stored.")]
    private partial void LogStoreFailed(Exception ex, OrderId orderId);
}
