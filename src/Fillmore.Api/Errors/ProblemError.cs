// One entry of a problem document's `errors` list: the field (null for the request as a whole),
// its stable code, a message, a suggestion, and the numbers behind it.
namespace Fillmore.Api.Errors;

public sealed record ProblemError(string? Field, string Code, string Message, string Suggestion,
    IReadOnlyDictionary<string, object?>? Details);
