// One order at the venue that Fillmore never placed (the /api/v1/admin/ghosts routes): never
// adopted; open until the venue no longer has it open or an administrator dismisses it. The first
// six fields are the first version's; the rest were added with the review (issue 16).
namespace Fillmore.Api.Contracts;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed record GhostResponse(Guid ClientOrderId, string Symbol, string Side, long Quantity, long FilledQuantity,
    string VenueStatus)
{
    public required string Venue { get; init; }
    /// <summary>Whose it is, as the venue says (its account); null when the venue does not say.</summary>
    public string? Account { get; init; }
    /// <summary>OPEN or CLOSED.</summary>
    public required string State { get; init; }
    public required DateTime FirstSeenAt { get; init; }
    public DateTime? CancelRequestedAt { get; init; }
    public string? CancelRequestedBy { get; init; }
    public DateTime? ClosedAt { get; init; }
    /// <summary>ENDED_AT_VENUE, CANCELLED or DISMISSED; null while open.</summary>
    public string? Resolution { get; init; }
    public string? CloseReason { get; init; }
    public string? ResolvedBy { get; init; }

    public const string Open = "OPEN";
    public const string Closed = "CLOSED";

    public static GhostResponse From(Ghost g) =>
        new(g.OrderId.Value, g.Symbol.Value, ApiNames.Of(g.Side), g.Quantity, g.FilledQuantity,
            ApiNames.Of(g.VenueStatus))
        {
            Venue = g.Venue, Account = g.Account, State = g.IsOpen ? Open : Closed,
            FirstSeenAt = g.FirstSeenAt.UtcDateTime, CancelRequestedAt = g.CancelRequestedAt?.UtcDateTime,
            CancelRequestedBy = g.CancelRequestedBy, ClosedAt = g.ClosedAt?.UtcDateTime,
            Resolution = g.Resolution is { } r ? ApiNames.Of(r) : null, CloseReason = g.CloseReason,
            ResolvedBy = g.ResolvedBy,
        };
}
