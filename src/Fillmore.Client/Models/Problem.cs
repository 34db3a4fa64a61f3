// A refusal as the service explains it (RFC 9457 with Fillmore's code, errors and order_id).
namespace Fillmore.Client;

public sealed record Problem
{
    public string Type { get; init; } = "";
    public string Title { get; init; } = "";
    public int Status { get; init; }
    /// <summary>The stable code programs switch on (docs/errors.md).</summary>
    public string Code { get; init; } = "";
    /// <summary>What happened and how to fix it, in plain language.</summary>
    public string Detail { get; init; } = "";
    public IReadOnlyList<ProblemError> Errors { get; init; } = [];
    /// <summary>The stored order the refusal concerns (a DENIED submit, the holder of a reused client order
    /// id).</summary>
    public Guid? OrderId { get; init; }
}
