// How one trigger is recorded: the audit action and the stream event it produces, who caused it,
// the reason and error code it carries, and when (ours, and the venue's own time for venue news).
namespace Fillmore.Core.Execution.Decisions;

using Fillmore.Core.Audit;

public sealed record Step(AuditAction Action, string EventType, DateTimeOffset Now)
{
    public string? Reason { get; init; }
    public string? ErrorCode { get; init; }
    public DateTimeOffset? VenueTime { get; init; }
    public Actor Actor { get; init; } = Actor.System;
    /// <summary>Who reported the trigger, for an anomaly's text.</summary>
    public string Source { get; init; } = "The venue";
}
