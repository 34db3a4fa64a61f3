// Rule 6: a buy's cost (quantity x reserve price) fits in cash minus what open buys reserve.
namespace Fillmore.Core.Risk;

public sealed class BuyingPowerRule : IPreTradeRule
{
    public RuleViolation? Check(PreTradeContext c)
    {
        if (!c.IsBuy || c.ReservePrice is not { } price) return null;
        var cost = c.Order.Quantity * price;
        var available = c.Ledger.BuyingPower;
        if (cost <= available) return null;
        var affordable = available <= 0 ? 0 : (long)decimal.Floor(available / price);
        var shortfall = cost - Math.Max(available, 0m);
        var suggestion = affordable > 0
            ? $"Reduce the quantity to {Money.Shares(affordable)} or add {Money.Usd(shortfall)}."
            : $"Add {Money.Usd(shortfall)} to your account or cancel open buy orders.";
        return new("quantity", ReasonCodes.InsufficientFunds,
            $"Insufficient funds for {Money.Usd(cost)} order; available: {Money.Usd(available)}.", suggestion,
            new Dictionary<string, object?>
            {
                ["required"] = cost, ["available"] = available, ["cash"] = c.Ledger.Account.Cash,
                ["reserved"] = c.Ledger.Reserved, ["max_quantity"] = affordable,
            });
    }
}
