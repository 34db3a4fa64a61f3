// The control entry of an administrator's account change: which fields changed, from what to
// what, and who changed them (compliance reads funding and limit changes in the audit trail).
namespace Fillmore.Api.Endpoints;

using System.Globalization;
using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;

internal static class AccountChanges
{
    public static AuditRecord Entry(Account before, Account after, string admin, DateTimeOffset now)
    {
        var changes = Fields(before).Zip(Fields(after), (b, a) => (b.Name, From: b.Value, To: a.Value))
            .Where(f => f.From != f.To).Select(f => $"{f.Name} {f.From} -> {f.To}").ToList();
        var what = changes.Count == 0 ? "nothing changed" : string.Join("; ", changes);
        return AuditRecord.Control(AuditAction.AccountChanged, after.TraderId, "*", Actor.Admin, now,
            $"Account {after.TraderId} {(before.Version == 0 ? "opened" : "changed")} by {admin}: {what}.", null);
    }

    private static IEnumerable<(string Name, string Value)> Fields(Account a)
    {
        static string Show(object? value) => value switch
        {
            null => "none",
            decimal d => d.ToString("0.############", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "none",
        };
        var l = a.Limits;
        yield return ("cash", Show(a.Cash));
        yield return ("max_position_shares", Show(l?.MaxPositionShares));
        yield return ("max_position_notional", Show(l?.MaxPositionNotional));
        yield return ("max_order_notional", Show(l?.MaxOrderNotional));
        yield return ("max_open_orders", Show(l?.MaxOpenOrders));
        yield return ("daily_loss_limit", Show(l?.DailyLossLimit));
        yield return ("short_selling_enabled", l is null ? "none" : l.ShortSellingEnabled ? "true" : "false");
        yield return ("default_max_slippage_bps", Show(a.DefaultMaxSlippageBps));
        yield return ("max_slippage_bps", Show(a.MaxSlippageBps));
    }
}
