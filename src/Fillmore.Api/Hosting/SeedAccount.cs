// One demo account created at start-up when missing (an entry of "Fillmore:Accounts:Seed"); its
// limits come from "Fillmore:Risk:DefaultLimits".
namespace Fillmore.Api.Hosting;

public sealed class SeedAccount
{
    public string Trader { get; set; } = "";
    public decimal Cash { get; set; }
    public bool ShortSellingEnabled { get; set; }
}
