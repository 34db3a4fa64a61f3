// Every 4xx (and the rare 5xx) the API sends is built here, so all share one shape: a stable
// code, a plain-language detail, and per-field errors with a suggested fix. No stack traces.
namespace Fillmore.Api.Errors;

using Fillmore.Api.Contracts;
using Fillmore.Core;
using Fillmore.Core.Risk;

public static class Problems
{
    public const string ContentType = "application/problem+json";

    /// <summary>400: malformed fields of an order (or of another <paramref name="subject"/>, e.g. "query"); every field
    /// error at once, under <paramref name="code"/> (VALIDATION_FAILED unless a route published another).</summary>
    public static IResult Invalid(IReadOnlyList<RuleViolation> errors, string subject = "order",
        string code = ReasonCodes.ValidationFailed) =>
        Result(new ProblemBody(TypeOf(code), $"The {subject} is not valid", 400, code,
            errors.Count == 1 ? errors[0].Message
                : $"The {subject} has {errors.Count} problems: " + string.Join(" ", errors.Select(e => e.Message)),
            errors.Select(ToError).ToList()));

    /// <summary>400: a body that cannot be used as sent (unknown or repeated fields, a value of the wrong type);
    /// every problem found at once, the code is the first one's.</summary>
    public static IResult Unusable(IReadOnlyList<RuleViolation> errors) =>
        Result(new ProblemBody(TypeOf(errors[0].Code), "The request body cannot be used as sent", 400,
            errors[0].Code,
            errors.Count == 1 ? $"{errors[0].Message} {errors[0].Suggestion}"
                : $"The request body has {errors.Count} problems: " + string.Join(" ", errors.Select(e => e.Message)),
            errors.Select(ToError).ToList()));

    /// <summary>422: refused by a risk rule; the code is the first failing rule's. <paramref name="orderId"/> names
    /// the order refused (a submit's is stored as DENIED).</summary>
    public static IResult Refused(IReadOnlyList<RuleViolation> errors, Guid orderId)
    {
        Observability.OrderFlowMetrics.Refused(errors[0].Code);
        return Result(new ProblemBody(TypeOf(errors[0].Code), TitleOf(errors[0].Code), 422, errors[0].Code,
            $"{errors[0].Message} {errors[0].Suggestion}", errors.Select(ToError).ToList()) { OrderId = orderId });
    }

    public static IResult Single(int status, string code, string title, string message, string suggestion,
        string? field = null, IReadOnlyDictionary<string, object?>? details = null) =>
        Result(Body(status, code, title, message, suggestion, field, details));

    public static ProblemBody Body(int status, string code, string title, string message, string suggestion,
        string? field = null, IReadOnlyDictionary<string, object?>? details = null) =>
        new(TypeOf(code), title, status, code, $"{message} {suggestion}",
            [new ProblemError(field, code, message, suggestion, details)]);

    public static Task WriteAsync(HttpContext context, ProblemBody body)
    {
        context.Response.StatusCode = body.Status;
        context.Response.ContentType = ContentType;
        return System.Text.Json.JsonSerializer.SerializeAsync(context.Response.Body, body,
            FillmoreJsonContext.Web.ProblemBody, context.RequestAborted);
    }

    public static IResult Result(ProblemBody body) =>
        TypedResults.Json(body, FillmoreJsonContext.Web.ProblemBody, ContentType, body.Status);

    private static ProblemError ToError(RuleViolation v) => new(v.Field, v.Code, v.Message, v.Suggestion, v.Details);

    private static string TypeOf(string code) => "/docs/errors#" + code.ToLowerInvariant();

    // "INSUFFICIENT_FUNDS" -> "Insufficient funds"
    private static string TitleOf(string code)
    {
        var words = code.Replace('_', ' ').ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }
}
