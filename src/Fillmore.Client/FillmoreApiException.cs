// The service refused the request: its problem document, typed (code, per-field errors with their
// suggestions, the order it concerns), and for a 429 how long to wait.
namespace Fillmore.Client;

using System.Net;

public sealed class FillmoreApiException(Problem problem, TimeSpan? retryAfter = null)
    : FillmoreException($"{problem.Status} {problem.Code}: {problem.Detail}")
{
    public Problem Problem { get; } = problem;
    public HttpStatusCode StatusCode => (HttpStatusCode)Problem.Status;
    /// <summary>The stable code (docs/errors.md): INSUFFICIENT_FUNDS, VALIDATION_FAILED, RATE_LIMITED, ...</summary>
    public string Code => Problem.Code;
    public IReadOnlyList<ProblemError> Errors => Problem.Errors;
    /// <summary>The first problem's suggested fix, if any.</summary>
    public string? Suggestion => Problem.Errors.Select(e => e.Suggestion).FirstOrDefault(s => !string.IsNullOrEmpty(s));
    /// <summary>A 429's Retry-After.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
    /// <summary>True when this error names the given code, at the top or on any field.</summary>
    public bool Has(string code) => Code == code || Problem.Errors.Any(e => e.Code == code);
}
