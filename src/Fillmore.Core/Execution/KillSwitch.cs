// The switches that act (issue 16): a halt, for everyone or one trader, stops new orders and
// sends (ControlService), and by default cancels every open and held order in its scope, each
// with an entry naming the halt's reason and the administrator who pulled it. Without
// cancelOpenOrders a halt only blocks. A cancel-all for one trader cancels without halting.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public sealed class KillSwitch(ControlService controls, AccountService accounts, OrderService orders,
    TimeProvider time)
{
    /// <returns>The orders the halt cancelled, as the cancel left them.</returns>
    public async Task<IReadOnlyList<Order>> HaltEveryoneAsync(string reason, bool cancelOpenOrders, string admin,
        CancellationToken ct = default)
    {
        await controls.SetGlobalHaltAsync(reason, admin, ct).ConfigureAwait(false);
        return cancelOpenOrders
            ? await orders.CancelByAdminAsync(null, ReasonCodes.TradingHalted,
                $"Kill switch pulled by {admin}: {reason}", ct).ConfigureAwait(false)
            : [];
    }

    public Task ResumeEveryoneAsync(string admin, CancellationToken ct = default) =>
        controls.SetGlobalHaltAsync(null, admin, ct);

    /// <summary>Halts (a reason) or resumes (null) one trader; a halt cancels the trader's open orders unless told
    /// not to.</summary>
    public async Task<IReadOnlyList<Order>> SetTraderHaltAsync(TraderId trader, string? reason, bool cancelOpenOrders,
        string admin, CancellationToken ct = default)
    {
        await accounts.UpdateAsync(trader, a => a with { TradingHalted = reason is not null },
            (before, _) => [TraderEntry(trader, before.TradingHalted, reason, admin)], ct).ConfigureAwait(false);
        return reason is not null && cancelOpenOrders
            ? await orders.CancelByAdminAsync(trader, ReasonCodes.AccountHalted,
                $"Trading halted for {trader} by {admin}: {reason}", ct).ConfigureAwait(false)
            : [];
    }

    /// <summary>Cancels every open and held order of <paramref name="trader"/> without halting it.</summary>
    public Task<IReadOnlyList<Order>> CancelTraderAsync(TraderId trader, string reason, string admin,
        CancellationToken ct = default) =>
        orders.CancelByAdminAsync(trader, ReasonCodes.AdminCancel, $"Cancelled by {admin}: {reason}", ct);

    private AuditRecord TraderEntry(TraderId trader, bool wasHalted, string? reason, string admin) =>
        AuditRecord.Control(reason is null ? AuditAction.Resumed : AuditAction.Halted, trader, "*", Actor.Admin,
            time.GetUtcNow(),
            reason is null ? $"Trading resumed for {trader} by {admin}" + (wasHalted ? "." : " (it was not halted).")
                : $"Trading halted for {trader} by {admin}: {reason}",
            ReasonCodes.AccountHalted);
}
