// Problem documents for answers produced by the framework itself (unknown route, wrong method).
namespace Fillmore.Api.Errors;

using Fillmore.Core;

public static class StatusProblems
{
    public static ProblemBody For(int status) => status switch
    {
        404 => Problems.Body(404, ReasonCodes.RouteNotFound, "No such endpoint",
            "There is no endpoint at this address.", "Check the path; the API reference is at /docs/api."),
        405 => Problems.Body(405, ReasonCodes.MethodNotAllowed, "Method not allowed",
            "This endpoint does not accept this HTTP method.", "Check the API reference at /docs/api."),
        413 => Hosting.RequestLimits.BodyTooLarge(),
        415 => Problems.Body(415, ReasonCodes.UnsupportedMediaType, "Unsupported media type", "The body must be JSON.",
            "Send Content-Type: application/json."),
        _ => Problems.Body(status, ReasonCodes.HttpStatus(status), "Request failed",
            $"The request failed with status {status}.", "Check the request against the API reference at /docs/api."),
    };
}
