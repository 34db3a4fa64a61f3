// The roles (ARCHITECTURE.md §10): a trader sees only their own data; compliance reads
// everything; admin sets limits and halts trading. A read-only key (ApiKeyScopes.ReadOnly) reads
// its user's own data like a trader but places, changes and cancels nothing.
namespace Fillmore.Api.Auth;

public static class Roles
{
    public const string Trader = "trader";
    public const string Compliance = "compliance";
    public const string Admin = "admin";
    public const string ReadOnly = "read-only";

    public static readonly string[] All = [Trader, Compliance, Admin, ReadOnly];
}
