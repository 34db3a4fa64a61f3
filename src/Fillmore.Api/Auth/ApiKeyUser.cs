// One entry of "Fillmore:Auth:ApiKeys": a user, its role, and its key as a SHA-256 hash (never
// the key in clear).
namespace Fillmore.Api.Auth;

using System.ComponentModel.DataAnnotations;

public sealed class ApiKeyUser
{
    /// <summary>The user id: for a trader, the trader id that owns orders.</summary>
    [Required] public string User { get; set; } = "";

    [Required] public string Role { get; set; } = Roles.Trader;

    /// <summary>Lower-case hex SHA-256 of the key (`printf %s KEY | sha256sum`).</summary>
    [Required] public string KeySha256 { get; set; } = "";
}
