// Who is calling, from the authenticated principal. The trader id always comes from here, never
// from a request body, so a trader cannot act for another.
namespace Fillmore.Api.Auth;

using System.Security.Claims;
using Fillmore.Core.Orders;

public sealed record Caller(TraderId Id, string Role)
{
    public bool IsCompliance => Role is Roles.Compliance or Roles.Admin;

    public static Caller From(ClaimsPrincipal user) =>
        new(new TraderId(user.FindFirstValue("sub")
            ?? throw new InvalidOperationException("Authenticated principal without 'sub'.")),
            user.FindFirstValue("role") ?? Roles.Trader);

    /// <summary>Whether this caller may see an object owned by <paramref name="owner"/> (FR-013).</summary>
    public bool MaySee(TraderId owner) => IsCompliance || owner == Id;
}
