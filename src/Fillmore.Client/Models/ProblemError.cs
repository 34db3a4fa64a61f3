// One problem of a refusal: the field (null: the request as a whole), its code, a message, the fix,
// and the numbers behind it.
namespace Fillmore.Client;

using System.Text.Json;

public sealed record ProblemError(string? Field, string Code, string Message, string Suggestion,
    JsonElement? Details);
