// Authorization policies by role.
namespace Fillmore.Api.Auth;

public static class Policies
{
    /// <summary>Places and cancels orders for themselves.</summary>
    public const string Trader = "trader";
    /// <summary>Reads everything (compliance and admin).</summary>
    public const string Compliance = "compliance";
    public const string Admin = "admin";
}
