// The three roles (ARCHITECTURE.md §10): a trader sees only their own data; compliance reads
// everything; admin sets limits and halts trading.
namespace Fillmore.Api.Auth;

public static class Roles
{
    public const string Trader = "trader";
    public const string Compliance = "compliance";
    public const string Admin = "admin";

    public static readonly string[] All = [Trader, Compliance, Admin];
}
