// The session layer against a scripted peer writing hand-written bytes: logon and stored
// numbering, the negative space of framing (garbage, bad checksum, wrong body length, a SOH inside
// a value) costing no sequence number, gaps, PossDup copies, numbers too low, SequenceReset,
// TestRequest, heartbeats, answering a ResendRequest (replays with PossDupFlag and OrigSendingTime,
// gap fills, never a message the venue already answered), Rejects attributed through RefSeqNum,
// a venue that lost its numbering, and a restart that resumes without a reset.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Ports;
using Fillmore.Venues.Fix;

public sealed class SessionLogicTests : IAsyncLifetime
{
    private readonly FixStores _stores = new();
    private readonly ScriptedFixPeer _peer = new();
    private IFixSessionStore _store = null!;
    private FixVenue? _venue;

    public async Task InitializeAsync() => _store = await _stores.OpenAsync();

    private async Task<FixVenue> LogOnAsync(int heartbeat = 30)
    {
        _venue = new FixVenue(FixSessionSettings.Parse(_peer.ConnectionString(heartbeat: heartbeat)), _store,
            TimeProvider.System);
        var logon = await _peer.AcceptAsync();
        Assert.Equal(("0", heartbeat.ToString(System.Globalization.CultureInfo.InvariantCulture)), (logon.GetString(98),
            logon.GetString(108)));
        await _peer.SendAsync("A", "98=0|108=30|");
        await FixProbe.UntilAsync(() => _venue.IsLoggedOn, "the logon");
        return _venue;
    }

    [Fact]
    public async Task The_logon_is_numbered_from_the_store_and_both_numbers_advance()
    {
        var venue = await LogOnAsync();
        var state = venue.Snapshot();
        Assert.Equal((FixSessionState.LoggedOn, 2L, 2L, 1L), (state.State, state.NextSenderSeqNum,
            state.NextTargetSeqNum, state.Logons));
    }

    [Fact]
    public async Task Garbage_a_bad_checksum_and_a_wrong_body_length_are_dropped_without_using_a_sequence_number()
    {
        var venue = await LogOnAsync();
        var good = ScriptedFixPeer.Frame("FIX.4.4", "35=1|49=PEER|56=CLIENT1|34=2|52=20261130-10:00:00.000|112=T2|");
        var badChecksum = good[..^4] + (good[^4] == '9' ? "0" : "9") + good[^3..];
        var length = good.Split('\u0001')[1];                // "9=NN"
        var wrongLength = good.Replace(length, $"9={int.Parse(length[2..],
            System.Globalization.CultureInfo.InvariantCulture) - 3}",
            StringComparison.Ordinal);
        await _peer.SendRawAsync("garbage before the start\u0001" + badChecksum + wrongLength + good);

        var heartbeat = await _peer.ExpectAsync("0");
        Assert.Equal("T2", heartbeat.GetString(112));        // 34=2 was still expected: nothing consumed it
        Assert.Equal((2L, 3L), (venue.Snapshot().BadFrames, venue.Snapshot().NextTargetSeqNum));
    }

    [Fact]
    public async Task A_SOH_inside_a_value_breaks_the_frame_and_it_is_dropped()
    {
        var venue = await LogOnAsync();
        await _peer.SendRawAsync(ScriptedFixPeer.Frame("FIX.4.4",
            "35=1|49=PEER|56=CLIENT1|34=2|52=20261130-10:00:00.000|112=T|58=a|b c|"));
        await _peer.SendAsync("1", "112=AFTER|");

        Assert.Equal("AFTER", (await _peer.ExpectAsync("0")).GetString(112));
        Assert.Equal(1L, venue.Snapshot().BadFrames);
    }

    [Fact]
    public async Task A_gap_asks_for_a_resend_and_a_gap_fill_closes_it()
    {
        var venue = await LogOnAsync();
        await _peer.SendAsync("0", seq: 5);
        var resend = await _peer.ExpectAsync("2");
        Assert.Equal(("2", "0"), (resend.GetString(7), resend.GetString(16)));

        await _peer.SendAsync("4", "123=Y|36=6|", seq: 2, possDup: true);
        await _peer.SendAsync("1", "112=T6|", seq: 6);
        Assert.Equal("T6", (await _peer.ExpectAsync("0")).GetString(112));
        Assert.Equal((7L, 1L), (venue.Snapshot().NextTargetSeqNum, venue.Snapshot().ResendRequestsSent));
    }

    [Fact]
    public async Task A_PossDup_copy_below_the_expected_number_is_ignored()
    {
        var venue = await LogOnAsync();
        await _peer.SendAsync("1", "112=FIRST|", seq: 2);
        Assert.Equal("FIRST", (await _peer.ExpectAsync("0")).GetString(112));
        await _peer.SendAsync("1", "112=COPY|", seq: 2, possDup: true);
        await FixProbe.UntilAsync(() => venue.Snapshot().DuplicatesIgnored == 1,
            "the copy to be counted as a duplicate");

        await _peer.SendAsync("1", "112=NEXT|", seq: 3);
        Assert.Equal("NEXT", (await _peer.ExpectAsync("0")).GetString(112));
    }

    [Fact]
    public async Task A_number_too_low_without_PossDup_ends_the_session_with_a_logout_saying_why()
    {
        var venue = await LogOnAsync();
        await _peer.SendAsync("0", seq: 2);
        await _peer.SendAsync("0", seq: 2);

        var logout = await _peer.ExpectAsync("5");
        Assert.Contains("MsgSeqNum too low, expecting 3 but received 2", logout.GetString(58));
        Assert.Contains("too low", venue.Snapshot().LastError);
    }

    [Fact]
    public async Task A_SequenceReset_without_GapFill_sets_the_expected_number()
    {
        await LogOnAsync();
        await _peer.SendAsync("4", "36=10|", seq: 2);
        await _peer.SendAsync("1", "112=T10|", seq: 10);
        Assert.Equal("T10", (await _peer.ExpectAsync("0")).GetString(112));
    }

    [Fact]
    public async Task A_silent_venue_gets_a_TestRequest()
    {
        await LogOnAsync(heartbeat: 1);
        Assert.StartsWith("TEST", (await _peer.ExpectAsync("1")).GetString(112));
    }

    [Fact]
    public async Task A_resend_replays_unanswered_orders_with_PossDup_and_gap_fills_admin_and_answered_ones()
    {
        var venue = await LogOnAsync();
        var answered = FixProbe.Limit();
        var first = venue.SubmitAsync(answered).AsTask();
        var sentA = await _peer.ExpectAsync("D");
        await _peer.SendAsync("8", $"37=1|17=1|150=0|39=0|11={answered.Id}|55=AAPL|54=1|151=10|14=0|6=0|");
        Assert.IsType<VenueOutcome.Confirmed>(await first);
        var unanswered = FixProbe.Limit(quantity: 7);
        var second = venue.SubmitAsync(unanswered).AsTask();
        var sentB = await _peer.ExpectAsync("D");

        await _peer.SendAsync("2", "7=1|16=0|");

        var gapFill = await _peer.ExpectAsync("4");
        Assert.Equal(("1", "Y", "Y", sentB.GetString(34)), (gapFill.GetString(34), gapFill.GetString(43),
            gapFill.GetString(123), gapFill.GetString(36)));
        var replay = await _peer.ExpectAsync("D");
        Assert.Equal((sentB.GetString(34), "Y", sentB.GetString(52), unanswered.Id.ToString()),
            (replay.GetString(34), replay.GetString(43), replay.GetString(122), replay.GetString(11)));
        Assert.Equal("2", sentA.GetString(34));
        Assert.IsType<VenueOutcome.Unknown>(await second);
        Assert.Equal((1L, 1L, 1L), (venue.Snapshot().ResendRequestsAnswered, venue.Snapshot().MessagesReplayed,
            venue.Snapshot().GapFillsSent));
    }

    [Fact]
    public async Task A_session_Reject_is_attributed_to_its_order_through_RefSeqNum()
    {
        var venue = await LogOnAsync();
        var order = FixProbe.Limit();
        var outcome = venue.SubmitAsync(order).AsTask();
        var sent = await _peer.ExpectAsync("D");
        await _peer.SendAsync("3",
            $"45={sent.GetString(34)}|372=D|373=5|371=40|58=Value is incorrect (out of range) for this tag|");

        var rejected = Assert.IsType<VenueOutcome.Rejected>(await outcome);
        Assert.Equal("FIX_SESSION_REJECT", rejected.Code);
        Assert.Contains("(tag 40): Value is incorrect", rejected.Reason);
    }

    [Fact]
    public async Task A_venue_that_lost_its_numbering_gets_gap_fills_only_never_a_replayed_order()
    {
        var venue = await LogOnAsync();
        var order = FixProbe.Limit();
        var outcome = venue.SubmitAsync(order).AsTask();
        await _peer.ExpectAsync("D");
        await _peer.SendAsync("0");
        await _peer.SendAsync("0");
        Assert.IsType<VenueOutcome.Unknown>(await outcome);          // never answered: not known to be processed
        _peer.Drop();

        var logon = await _peer.AcceptAsync();
        _peer.NextOut = 1;
        await _peer.SendAsync("A", "98=0|108=30|");                 // 34=1: the venue starts again from 1
        await _peer.SendAsync("2", "7=1|16=0|");

        var gapFill = await _peer.ExpectAsync("4");
        Assert.Equal(("1", (logon.SeqNum + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            (gapFill.GetString(34), gapFill.GetString(36)));
        await _peer.SendAsync("1", "112=AFTER|");
        Assert.Equal("AFTER", (await _peer.ExpectAsync("0")).GetString(112));   // no D came before it
        Assert.Equal((1L, 0L), (venue.Snapshot().VenueResets, venue.Snapshot().MessagesReplayed));
    }

    [Fact]
    public async Task Not_logged_on_a_submit_is_retryable_and_uses_no_sequence_number()
    {
        _venue = new FixVenue(FixSessionSettings.Parse(_peer.ConnectionString()), _store, TimeProvider.System);
        await _peer.AcceptAsync();                                   // its Logon is never answered
        var order = FixProbe.Limit();

        var outcome = await _venue.SubmitAsync(order);

        Assert.Equal("FIX_NOT_LOGGED_ON", Assert.IsType<VenueOutcome.Retryable>(outcome).Code);
        Assert.Equal(2L, _venue.Snapshot().NextSenderSeqNum);        // the Logon only
        Assert.IsType<VenueQuery.NotFound>(await _venue.QueryAsync(order.Id));
    }

    [Fact]
    public async Task A_restart_resumes_the_stored_numbering_without_a_reset()
    {
        var venue = await LogOnAsync();
        var order = FixProbe.Limit();
        var outcome = venue.SubmitAsync(order).AsTask();
        await _peer.ExpectAsync("D");
        await _peer.SendAsync("8", $"37=1|17=1|150=0|39=0|11={order.Id}|55=AAPL|54=1|151=10|14=0|6=0|");
        await outcome;
        await venue.CrashAsync();

        _venue = new FixVenue(FixSessionSettings.Parse(_peer.ConnectionString()), _store, TimeProvider.System);
        var logon = await _peer.AcceptAsync();

        Assert.Equal((3L, null), (logon.SeqNum, logon.GetString(141)));
        var query = Assert.IsType<VenueQuery.Unknown>(await _venue.QueryAsync(order.Id));
        Assert.Contains("cannot answer status requests", query.Reason);
    }

    // A venue that answers status requests and names the account (tag 1): the engine learns whose the order is.
    [Fact]
    public async Task A_status_answer_names_the_account_the_venue_booked_the_order_to()
    {
        _venue = new FixVenue(FixSessionSettings.Parse(_peer.ConnectionString().Replace("status=n", "status=y",
            StringComparison.Ordinal)), _store, TimeProvider.System);
        await _peer.AcceptAsync();
        await _peer.SendAsync("A", "98=0|108=30|");
        await FixProbe.UntilAsync(() => _venue.IsLoggedOn, "the logon");
        var order = FixProbe.Limit();
        var outcome = _venue.SubmitAsync(order).AsTask();
        await _peer.ExpectAsync("D");
        await _peer.SendAsync("8", $"37=1|17=1|150=0|39=0|11={order.Id}|55=AAPL|54=1|151=10|14=0|6=0|");
        await outcome;

        var query = _venue.QueryAsync(order.Id).AsTask();
        await _peer.ExpectAsync("H");
        await _peer.SendAsync("8", $"37=1|17=2|150=I|39=0|11={order.Id}|55=AAPL|54=1|151=10|14=0|6=0|1=DESK-7|");

        Assert.Equal("DESK-7", Assert.IsType<VenueQuery.Found>(await query).State.Account);
    }

    public async Task DisposeAsync()
    {
        if (_venue is not null) await _venue.DisposeAsync();
        await _peer.DisposeAsync();
        _stores.Dispose();
    }
}
