// RFC 9457 problem details with Fillmore's extensions: a stable `code` and an `errors` list in
// which every entry names its field, code, message, suggestion and details (API.md "Errors").
namespace Fillmore.Api.Errors;

public sealed record ProblemBody(string Type, string Title, int Status, string Code, string Detail,
    IReadOnlyList<ProblemError> Errors);
