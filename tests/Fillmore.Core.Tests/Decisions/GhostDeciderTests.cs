// GhostDecider, one row per case: what a reconciliation's view of the venue does to a ghost order
// (first sight, refresh, seen again, gone), and what an administrator's resolution does. Every
// entry is filed under the venue's account when it names one, and an administrator's names them.
namespace Fillmore.Core.Tests.Decisions;

using Fillmore.Core.Audit;
using Fillmore.Core.Execution;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using R = Fillmore.Core.Ports.GhostResolution;
using V = Fillmore.Core.Ports.VenueOrderStatus;

public class GhostDeciderTests
{
    private static readonly DateTimeOffset T0 = Book.T0;
    private static readonly OrderId Id = new(Guid.Parse("0b6c4a6e-53d3-4f37-9b8e-8a3a8d6f2c11"));

    private static VenueOrderState State(V status = V.Working, long filled = 0, string? account = "bob") =>
        new(Id, Symbol.Of("MSFT"), Side.Sell, 500, status, filled, filled > 0 ? 460m : 0m, [], null) { Account = account };

    private static Ghost Open(long version = 1, string? account = "bob") =>
        Ghost.Of(State(account: account), "SIM", T0) with { Version = version };

    private static Ghost Closed(R resolution) => Open(2) with
    {
        ClosedAt = T0.AddMinutes(1), Resolution = resolution, CloseReason = "earlier", ResolvedBy = "ops",
    };

    [Theory]
    [InlineData("bob", "bob")]
    [InlineData(null, "unknown")]
    [InlineData("   ", "unknown")]
    public void First_sight_stores_the_ghost_and_files_its_anomaly_under_the_venues_account(string? account, string trader)
    {
        var change = GhostDecider.Seen(null, State(account: account), "SIM", T0)!;
        Assert.Equal((1L, true, 500L), (change.Ghost.Version, change.Ghost.IsOpen, change.Ghost.Quantity));
        var entry = Assert.Single(change.Audit);
        Assert.Equal((AuditAction.Anomaly, "GHOST_ORDER", trader, Actor.System), (entry.Action, entry.ErrorCode, entry.TraderId.Value, entry.Actor));
    }

    [Theory]
    [InlineData(V.Working, 0, false, 0)]       // nothing new at the venue: nothing written
    [InlineData(V.Working, 200, true, 0)]      // it traded: the row follows, quietly
    public void An_open_ghost_takes_the_venues_latest_view(V status, long filled, bool written, int entries)
    {
        var change = GhostDecider.Seen(Open(3), State(status, filled), "SIM", T0.AddMinutes(5));
        Assert.Equal(written, change is not null);
        if (change is null) return;
        Assert.Equal((4L, filled, entries), (change.Ghost.Version, change.Ghost.FilledQuantity, change.Audit.Count));
        Assert.Equal(T0, change.Ghost.FirstSeenAt);
    }

    [Theory]
    [InlineData(R.EndedAtVenue, true)]
    [InlineData(R.Cancelled, true)]
    [InlineData(R.Dismissed, false)]           // an administrator chose to leave it
    public void A_closed_ghost_seen_open_again_reopens_in_its_own_row_unless_dismissed(R resolution, bool reopens)
    {
        var change = GhostDecider.Seen(Closed(resolution), State(), "SIM", T0.AddMinutes(9));
        Assert.Equal(reopens, change is not null);
        if (change is null) return;
        Assert.Equal((true, 3L, (R?)null, (string?)null), (change.Ghost.IsOpen, change.Ghost.Version, change.Ghost.Resolution, change.Ghost.ResolvedBy));
        Assert.Equal(AuditAction.Anomaly, change.Audit.Single().Action);
    }

    public static TheoryData<VenueQuery, bool, R?, AuditAction?, OrderStatus?> GoneRows() => new()
    {
        { new VenueQuery.Found(State(V.Working)), false, null, null, null },   // the two views crossed
        { new VenueQuery.Found(State(V.Filled, 500)), false, R.EndedAtVenue, AuditAction.Reconciled, OrderStatus.Filled },
        { new VenueQuery.Found(State(V.Cancelled, 100)), false, R.EndedAtVenue, AuditAction.Reconciled, OrderStatus.Cancelled },
        { new VenueQuery.Found(State(V.Cancelled)), true, R.Cancelled, AuditAction.Cancelled, OrderStatus.Cancelled },
        { new VenueQuery.Found(State(V.Filled, 500)), true, R.EndedAtVenue, AuditAction.Reconciled, OrderStatus.Filled },
        { new VenueQuery.NotFound(), false, R.EndedAtVenue, AuditAction.Reconciled, OrderStatus.Cancelled },
        { new VenueQuery.Unknown("timeout"), true, R.EndedAtVenue, AuditAction.Reconciled, OrderStatus.Cancelled },
    };

    [Theory]
    [MemberData(nameof(GoneRows))]
    public void A_ghost_no_longer_open_at_the_venue_is_closed_with_when_and_why(VenueQuery final, bool cancelAsked, R? resolution,
        AuditAction? action, OrderStatus? status)
    {
        var ghost = cancelAsked ? Open(2) with { CancelRequestedAt = T0, CancelRequestedBy = "ops" } : Open(2);
        var change = GhostDecider.Gone(ghost, final, T0.AddMinutes(2));
        Assert.Equal(resolution, change?.Ghost.Resolution);
        if (change is null) return;
        Assert.Equal((T0.AddMinutes(2), 3L), (change.Ghost.ClosedAt, change.Ghost.Version));
        var entry = change.Audit.Single();
        Assert.Equal((action, status, Actor.System, "bob"), (entry.Action, entry.Status, entry.Actor, entry.TraderId.Value));
        Assert.Equal(change.Ghost.CloseReason, entry.Reason);
        if (resolution == R.Cancelled) Assert.Contains("admin 'ops'", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(resolution == R.Cancelled ? "ops" : null, change.Ghost.ResolvedBy);
        Assert.Null(GhostDecider.Gone(change.Ghost, final, T0.AddMinutes(3)));   // closed once
    }

    [Fact]
    public void Only_an_open_ghost_can_be_resolved()
    {
        Assert.IsType<GhostResult.NotFound>(GhostDecider.Refusal(null));
        Assert.IsType<GhostResult.AlreadyClosed>(GhostDecider.Refusal(Closed(R.EndedAtVenue)));
        Assert.Null(GhostDecider.Refusal(Open()));
    }

    [Fact]
    public void A_cancel_is_recorded_as_the_admins_request_before_it_goes_out()
    {
        var change = GhostDecider.CancelRequested(Open(2), "ops", T0);
        Assert.Equal((T0, "ops", 3L, true), (change.Ghost.CancelRequestedAt, change.Ghost.CancelRequestedBy, change.Ghost.Version, change.Ghost.IsOpen));
        var entry = change.Audit.Single();
        Assert.Equal((AuditAction.CancelRequested, Actor.Admin, "bob"), (entry.Action, entry.Actor, entry.TraderId.Value));
        Assert.Contains("admin 'ops'", entry.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<VenueOutcome, AuditAction?, string?> Answers() => new()
    {
        { new VenueOutcome.Confirmed(T0), null, null },
        { new VenueOutcome.Rejected("TOO_LATE_TO_CANCEL", "already filled"), AuditAction.CancelRejected, "TOO_LATE_TO_CANCEL" },
        { new VenueOutcome.Retryable("THROTTLED", "429", TimeSpan.FromSeconds(1)), AuditAction.CancelRejected, "THROTTLED" },
        { new VenueOutcome.Unknown("VENUE_TIMEOUT", "no answer"), AuditAction.Anomaly, "VENUE_TIMEOUT" },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_cancel_the_venue_did_not_take_leaves_an_entry_saying_so(VenueOutcome outcome, AuditAction? action, string? code)
    {
        var change = GhostDecider.CancelAnswered(Open(3), outcome, "ops", T0);
        Assert.Equal(action, change?.Audit.Single().Action);
        Assert.Equal(code, change?.Audit.Single().ErrorCode);
    }

    [Fact]
    public void A_dismissal_closes_the_ghost_for_good_with_who_and_why()
    {
        var change = GhostDecider.Dismiss(Open(2), "ops", "booked by the desk's other system", T0);
        Assert.Equal((R.Dismissed, "ops", false, 3L), (change.Ghost.Resolution, change.Ghost.ResolvedBy, change.Ghost.IsOpen, change.Ghost.Version));
        var entry = change.Audit.Single();
        Assert.Equal((AuditAction.Dismissed, Actor.Admin, OrderStatus.Pending), (entry.Action, entry.Actor, entry.Status));   // still working at the venue
        Assert.Equal("Dismissed by admin 'ops': booked by the desk's other system", entry.Reason);
    }

    [Theory]
    [InlineData(null, "REASON_REQUIRED")]
    [InlineData("", "REASON_REQUIRED")]
    [InlineData("   ", "REASON_REQUIRED")]
    [InlineData("ok", null)]
    public void A_dismissal_needs_a_reason(string? reason, string? code) =>
        Assert.Equal(code, GhostDecider.ReasonProblem(reason)?.Code);

    [Fact]
    public void A_dismissal_reason_has_a_limit()
    {
        Assert.Null(GhostDecider.ReasonProblem(new string('x', GhostDecider.MaxReasonLength)));
        Assert.Equal("REASON_TOO_LONG", GhostDecider.ReasonProblem(new string('x', GhostDecider.MaxReasonLength + 1))?.Code);
    }

    [Theory]
    [InlineData(" bob ", "bob")]
    [InlineData("a\u0001b", null)]
    [InlineData("", null)]
    public void Only_a_plausible_account_names_the_trader(string account, string? expected) =>
        Assert.Equal(expected, Ghost.AccountOf(account));

    [Fact]
    public void An_account_over_64_characters_is_not_trusted() =>
        Assert.Null(Ghost.AccountOf(new string('a', 65)));
}
