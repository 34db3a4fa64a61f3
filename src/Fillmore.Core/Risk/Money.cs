// Amounts and quantities as people read them in messages: $5,000.00, 1,200 shares.
namespace Fillmore.Core.Risk;

using System.Globalization;

public static class Money
{
    public static string Usd(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("N2", CultureInfo.InvariantCulture);

    public static string Shares(long quantity) =>
        quantity.ToString("N0", CultureInfo.InvariantCulture) + (quantity == 1 ? " share" : " shares");

    public static string Percent(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
