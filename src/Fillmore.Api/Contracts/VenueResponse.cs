// One venue as GET /api/v1/admin/venues shows it: whether orders may be sent to it (and if halted,
// why), what this node is sending to it, when it last reported, and what it holds and does itself
// (Fillmore emulates the rest), and for a FIX venue its session.
namespace Fillmore.Api.Contracts;

public sealed record VenueResponse(
    string Name,
    bool Halted,
    string? HaltReason,
    int OrdersInFlight,
    DateTime? LastReportAt,
    IReadOnlyList<string> OrderTypes,
    IReadOnlyList<string> TimesInForce,
    bool Replace,
    bool StatusQueries)
{
    /// <summary>A FIX venue's session (null for other venues).</summary>
    public FixSessionResponse? Session { get; init; }
}
