// The persisted switches: the global halt (the kill switch), a venue's halt and the execution
// flag (which also picks each trader's execution path). Each change is one commit of the control
// and its control entry (who, from what, to what, why) in the audit chain; TradingControls then
// holds the new value for this node's checks, and other nodes read it within a second (LoadAsync,
// from the cluster's refresher). The halts stop sending too (ISendGuard): an order accepted before
// a halt is not sent after it.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public sealed class ControlService(IOrderStore store, TradingControls controls, LedgerBook ledgers, TimeProvider time,
    ExecutionFlag configuredFlag, IReadOnlyList<string> venues) : ISendGuard, IExecutionPathSelector
{
    /// <summary>The execution flag in force: the last one an administrator set, else the configured one.</summary>
    public ExecutionFlag Flag => controls.Flag ?? configuredFlag;

    public ExecutionPath PathFor(TraderId trader) => Flag.PathFor(trader);

    /// <summary>The venues this node sends to.</summary>
    public IReadOnlyList<string> Venues => venues;

    /// <summary>Halts (a reason) or resumes (null) trading for every trader.</summary>
    public async Task SetGlobalHaltAsync(string? reason, string admin, CancellationToken ct = default)
    {
        var before = controls.HaltReason;
        var entry = reason is not null
            ? Entry(AuditAction.Halted, AuditRecord.Everyone, "*", Actor.Admin, ReasonCodes.TradingHalted,
                $"Trading halted for every trader by {admin}: {reason}")
            : Entry(AuditAction.Resumed, AuditRecord.Everyone, "*", Actor.Admin, ReasonCodes.TradingHalted,
                $"Trading resumed for every trader by {admin}"
                    + (before is null ? " (it was not halted)." : $" (halted for: {before})."));
        await CommitAsync(new ControlChange(TradingControls.HaltKey, reason) { Audit = [entry] }, ct)
            .ConfigureAwait(false);
        controls.Set(reason);
    }

    public async Task SetFlagAsync(ExecutionFlag flag, string admin, CancellationToken ct = default)
    {
        var entry = Entry(AuditAction.FlagChanged, AuditRecord.Everyone, "*", Actor.Admin, null,
            $"ORDER_EXECUTION_V2_ENABLED changed from {Flag} to {flag} by {admin}.");
        await CommitAsync(new ControlChange(TradingControls.FlagKey, flag.ToString()) { Audit = [entry] }, ct)
            .ConfigureAwait(false);
        controls.SetFlag(flag);
    }

    /// <summary>Halts (a reason) or resumes (null) sending to <paramref name="venue"/>.</summary>
    public async Task SetVenueHaltAsync(string venue, string? reason, Actor actor, string by,
        CancellationToken ct = default)
    {
        var before = controls.VenueHaltReason(venue);
        var entry = reason is not null
            ? Entry(AuditAction.Halted, AuditRecord.Everyone, venue, actor, ReasonCodes.VenueHalted,
                $"Venue {venue} halted by {by}: {reason} Nothing more is sent to it until an administrator "
                    + "resumes it; its orders are still reconciled.")
            : Entry(AuditAction.Resumed, AuditRecord.Everyone, venue, actor, ReasonCodes.VenueHalted,
                $"Venue {venue} resumed by {by}"
                    + (before is null ? " (it was not halted)." : $" (halted for: {before})."));
        await CommitAsync(new ControlChange(TradingControls.VenueHaltKey(venue), reason) { Audit = [entry] }, ct)
            .ConfigureAwait(false);
        controls.SetVenueHalt(venue, reason);
    }

    /// <summary>Reads every control back from the store (at start-up; with several nodes, every second).</summary>
    public async Task LoadAsync(CancellationToken ct = default)
    {
        controls.Set(await store.GetControlAsync(TradingControls.HaltKey, ct).ConfigureAwait(false));
        var flag = await store.GetControlAsync(TradingControls.FlagKey, ct).ConfigureAwait(false);
        controls.SetFlag(ExecutionFlag.TryParse(flag, out var stored) ? stored : null);
        foreach (var venue in venues)
            controls.SetVenueHalt(venue,
                await store.GetControlAsync(TradingControls.VenueHaltKey(venue), ct).ConfigureAwait(false));
    }

    public async ValueTask<RuleViolation?> RefusalAsync(Order order, CancellationToken ct = default)
    {
        if (controls.HaltReason is { } all)
            return new(null, ReasonCodes.TradingHalted, $"Not sent: trading is halted for every trader ({all}).",
                "Retry the order once trading resumes, or acknowledge it.");
        if (controls.VenueHaltReason(order.Venue) is { } venue)
            return new(null, ReasonCodes.VenueHalted, $"Not sent: the venue {order.Venue} is halted ({venue}).",
                "Retry the order once an administrator resumes the venue, or acknowledge it.");
        var ledger = await ledgers.GetAsync(order.TraderId, ct).ConfigureAwait(false);
        return ledger.Account.TradingHalted
            ? new(null, ReasonCodes.AccountHalted, $"Not sent: trading is halted for the account {order.TraderId}.",
                "Retry the order once an administrator resumes your account, or acknowledge it.")
            : null;
    }

    public Task VenueFailedAsync(string venue, VenueOutcome.Fatal fatal, CancellationToken ct = default) =>
        controls.VenueHaltReason(venue) is not null ? Task.CompletedTask
            : SetVenueHaltAsync(venue, $"it answered {fatal.Code}: {fatal.Reason}.", Actor.System, "Fillmore", ct);

    private AuditRecord Entry(AuditAction action, TraderId scope, string venue, Actor actor, string? code,
        string reason) => AuditRecord.Control(action, scope, venue, actor, time.GetUtcNow(), reason, code);

    private async Task CommitAsync(ControlChange change, CancellationToken ct)
    {
        var result = await store.CommitAsync(change, ct).ConfigureAwait(false);
        if (!result.Ok) throw new InvalidOperationException($"The control could not be stored ({result.Status}).");
    }
}
