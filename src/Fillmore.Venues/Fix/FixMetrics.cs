// The FIX sessions' state as instruments (meter "Fillmore.Fix", exported on /metrics): read from
// each tracked venue's snapshot when scraped, tagged with the session and the venue. Gauges: logged
// on (1/0), the next sequence numbers each way, when a message last went each way (Unix seconds);
// counters: logons, resend requests sent and answered, messages replayed, gap fills sent,
// duplicates ignored, bad frames, and how often the venue came back having lost its numbering.
namespace Fillmore.Venues.Fix;

using System.Diagnostics.Metrics;

public sealed class FixMetrics : IDisposable
{
    public const string MeterName = "Fillmore.Fix";

    private readonly Meter _meter = new(MeterName);
    private readonly List<FixVenue> _venues = [];

    public FixMetrics()
    {
        Gauge("fillmore.fix.logged_on", "Whether the FIX session is logged on (1) or not (0).",
            s => s.LoggedOn ? 1 : 0);
        Gauge("fillmore.fix.next_sender_seq_num", "The next MsgSeqNum Fillmore will send.", s => s.NextSenderSeqNum);
        Gauge("fillmore.fix.next_target_seq_num", "The next MsgSeqNum Fillmore expects from the venue.",
            s => s.NextTargetSeqNum);
        Gauge("fillmore.fix.last_received_time", "When the venue's last message arrived (Unix seconds).",
            s => s.LastReceivedAt?.ToUnixTimeSeconds() ?? 0, "s");
        Gauge("fillmore.fix.last_sent_time", "When Fillmore last wrote to the venue (Unix seconds).",
            s => s.LastSentAt?.ToUnixTimeSeconds() ?? 0, "s");
        Counter("fillmore.fix.logons", "Logons completed.", s => s.Logons);
        Counter("fillmore.fix.resend_requests_sent", "ResendRequests Fillmore sent for gaps in the venue's numbers.",
            s => s.ResendRequestsSent);
        Counter("fillmore.fix.resend_requests_answered", "ResendRequests from the venue that Fillmore answered.",
            s => s.ResendRequestsAnswered);
        Counter("fillmore.fix.messages_replayed", "Stored messages replayed with PossDupFlag=Y.",
            s => s.MessagesReplayed);
        Counter("fillmore.fix.gap_fills_sent", "SequenceReset-GapFill messages sent.", s => s.GapFillsSent);
        Counter("fillmore.fix.duplicates_ignored", "PossDup copies below the expected number, dropped.",
            s => s.DuplicatesIgnored);
        Counter("fillmore.fix.bad_frames", "Frames dropped for a wrong BodyLength, CheckSum or field.",
            s => s.BadFrames);
        Counter("fillmore.fix.venue_resets", "Logons where the venue had lost its sequence numbers.",
            s => s.VenueResets);
    }

    public void Track(FixVenue venue)
    {
        lock (_venues) _venues.Add(venue);
    }

    private void Gauge(string name, string description, Func<FixSessionSnapshot, long> read, string? unit = null) =>
        _meter.CreateObservableGauge(name, () => Measure(read), unit, description);

    private void Counter(string name, string description, Func<FixSessionSnapshot, long> read) =>
        _meter.CreateObservableCounter(name, () => Measure(read), null, description);

    private IEnumerable<Measurement<long>> Measure(Func<FixSessionSnapshot, long> read)
    {
        List<FixVenue> venues;
        lock (_venues) venues = [.. _venues];
        foreach (var venue in venues)
        {
            var s = venue.Snapshot();
            yield return new Measurement<long>(read(s), new("session", s.SessionId), new("venue", s.Venue));
        }
    }

    public void Dispose() => _meter.Dispose();
}
