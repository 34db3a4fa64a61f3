// A venue order Fillmore never placed (found by reconciliation), as the store keeps it: never
// adopted, refreshed by every reconciliation, and reviewed by an administrator. Open until the
// venue no longer has it open, or an administrator dismisses it; a ghost seen again keeps its one
// row. Version guards concurrent writers (the reconcilers of several nodes, an administrator):
// a change is written only over the version it was derived from (see GhostChange).
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public sealed record Ghost(OrderId OrderId, string Venue, Symbol Symbol, Side Side, long Quantity,
    VenueOrderStatus VenueStatus, DateTimeOffset FirstSeenAt)
{
    /// <summary>Who the venue says the order belongs to (its account), when it says; null when it does not.</summary>
    public string? Account { get; init; }

    /// <summary>What the venue last reported filled.</summary>
    public long FilledQuantity { get; init; }

    /// <summary>When an administrator asked the venue to cancel it, and who.</summary>
    public DateTimeOffset? CancelRequestedAt { get; init; }

    public string? CancelRequestedBy { get; init; }

    /// <summary>When it was closed (null: open), how, why, and by whom when an administrator closed it.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public GhostResolution? Resolution { get; init; }

    public string? CloseReason { get; init; }

    public string? ResolvedBy { get; init; }

    /// <summary>1 when first stored; every change adds one.</summary>
    public long Version { get; init; } = 1;

    public bool IsOpen => ClosedAt is null;

    /// <summary>The trader its audit entries are filed under: the venue's account, or "unknown".</summary>
    public TraderId Owner => new(Account ?? "unknown");

    public static Ghost Of(VenueOrderState state, string venue, DateTimeOffset now) =>
        new(state.OrderId, venue, state.Symbol, state.Side, state.Quantity, state.Status, now)
        {
            Account = AccountOf(state.Account), FilledQuantity = state.CumulativeQuantity,
        };

    /// <summary>The venue's account as a trader id: trimmed, at most 64 printable characters; anything else is
    /// not trusted as a name.</summary>
    public static string? AccountOf(string? account) =>
        account?.Trim() is { Length: > 0 and <= 64 } name && !name.Any(char.IsControl) ? name : null;
}
