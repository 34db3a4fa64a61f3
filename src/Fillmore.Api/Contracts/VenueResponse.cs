// One venue as GET /api/v1/admin/venues shows it: whether orders may be sent to it (and if halted,
// why), whether it is connected and reachable (as the venue reports itself), what this node is
// sending to it, when it last reported, what it holds and does itself (Fillmore emulates the
// rest), and for a FIX venue its session.
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
    /// <summary>Its report stream (or FIX session) is up.</summary>
    public bool Connected { get; init; } = true;
    /// <summary>Its last request got an answer (false: it is down for this node).</summary>
    public bool Reachable { get; init; } = true;
    /// <summary>What the venue says about its connection when something is wrong (null otherwise).</summary>
    public string? ConnectionDetail { get; init; }
    /// <summary>A FIX venue's session (null for other venues).</summary>
    public FixSessionResponse? Session { get; init; }
}
