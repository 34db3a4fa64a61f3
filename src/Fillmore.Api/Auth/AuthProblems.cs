// The two authentication answers, shared by the API-key and the JWT schemes.
namespace Fillmore.Api.Auth;

using Fillmore.Api.Errors;
using Fillmore.Core;

public static class AuthProblems
{
    public static readonly ProblemBody Unauthorized = Problems.Body(401, ReasonCodes.Unauthenticated,
        "Not authenticated", "The request carries no valid credentials.",
        "Send your API key in the X-API-Key header, or a bearer token in the Authorization header.");

    public static readonly ProblemBody Forbidden = Problems.Body(403, ReasonCodes.Forbidden, "Not allowed",
        "This request needs a different role than yours.",
        "Traders place and cancel their own orders, compliance reads everything, admins change limits and flags: "
            + "use a key with the right role.");
}
