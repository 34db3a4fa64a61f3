// What an API key may do, as the admin API names it, and the role each scope authenticates as.
// "trade" is a trader's key; "read-only" reads its user's own data and changes nothing.
namespace Fillmore.Api.Auth;

public static class ApiKeyScopes
{
    public const string Trade = "trade";
    public const string ReadOnly = "read-only";
    public const string Compliance = "compliance";
    public const string Admin = "admin";

    public static readonly string[] All = [Trade, ReadOnly, Compliance, Admin];

    /// <summary>The role a key of <paramref name="scope"/> gets.</summary>
    public static string RoleOf(string scope) => scope switch
    {
        Trade => Roles.Trader,
        Compliance => Roles.Compliance,
        Admin => Roles.Admin,
        _ => Roles.ReadOnly,
    };
}
