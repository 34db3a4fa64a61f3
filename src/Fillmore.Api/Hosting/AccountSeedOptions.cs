// Accounts created at start-up when missing (section "Fillmore:Accounts"): the demo traders of the
// quick start. Limits not given per account come from "Fillmore:Risk:DefaultLimits".
namespace Fillmore.Api.Hosting;

public sealed class AccountSeedOptions
{
    public List<SeedAccount> Seed { get; set; } = [];
}
