// One venue's health as it sees it: whether requests get answers (Reachable), whether its report
// stream or session is up (Connected), when a report and when any answer last came, and a short
// plain-language note when something is wrong.
namespace Fillmore.Core.Ports;

/// <param name="Kind">paper, exchange or fix.</param>
public sealed record VenueHealthReport(string Kind, bool Reachable, bool Connected, DateTimeOffset? LastReportAt,
    DateTimeOffset? LastContactAt, string? Detail = null)
{
    /// <summary>A venue that says nothing about itself: taken as up.</summary>
    public static VenueHealthReport AlwaysUp { get; } = new("venue", true, true, null, null);
}
