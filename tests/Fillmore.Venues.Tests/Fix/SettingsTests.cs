// The FIX connection string: every key, the profiles of the QuickFIX acceptors, and the negative
// space: each mistake fails at start-up with a message naming the key and showing an example.
namespace Fillmore.Venues.Tests.Fix;

using Fillmore.Core.Orders;
using Fillmore.Venues.Fix;

public sealed class SettingsTests
{
    [Fact]
    public void The_issue_example_parses_with_its_defaults()
    {
        var s = FixSessionSettings
            .Parse("host=127.0.0.1;port=5001;sender=CLIENT1;target=EXECUTOR;version=FIX.4.4;heartbeat=30");

        Assert.Equal(("127.0.0.1", 5001, "CLIENT1", "EXECUTOR", "FIX.4.4", 30.0), (s.Host, s.Port, s.SenderCompId,
            s.TargetCompId,
            s.BeginString, s.HeartBtInt.TotalSeconds));
        Assert.Equal(("EXECUTOR", "FIX.4.4:CLIENT1->EXECUTOR", false), (s.VenueName, s.SessionId, s.ResetOnLogon));
        Assert.Equal(FixSessionSchedule.Daily, s.Schedule);
        Assert.Equal(FixVenueCapabilities.Full, s.Capabilities);
    }

    [Fact]
    public void Profiles_describe_the_acceptors_and_keys_override_them()
    {
        var s = FixSessionSettings
            .Parse("host=h;port=1;sender=A;target=B;version=4.2;profile=ordermatch;tif=day,gtc;cancel=n;" +
            "name=OM;resetonlogon=y;start=13:30:00;end=20:00:00;timeout=0.5;resendchunk=10;replayonstart=0");

        Assert.Equal(("FIX.4.2", "OM", true), (s.BeginString, s.VenueName, s.ResetOnLogon));
        Assert.Equal([OrderType.Limit], s.Capabilities.OrderTypes);
        Assert.Equal(new HashSet<TimeInForce> { TimeInForce.Day, TimeInForce.Gtc }, s.Capabilities.TimesInForce);
        Assert.Equal((false, false, false), (s.Capabilities.Cancel, s.Capabilities.Replace,
            s.Capabilities.StatusRequests));
        Assert.Equal(new FixSessionSchedule(new TimeOnly(13, 30), new TimeOnly(20, 0)), s.Schedule);
        Assert.Equal((0.5, 10, 0), (s.AnswerTimeout.TotalSeconds, s.ResendChunk, s.ReplayOnStart));
        Assert.False(s.Capabilities.KeepsBook);   // ordermatch's book is in memory only
        Assert.True(FixSessionSettings.Parse("host=h;port=1;sender=A;target=B;profile=ordermatch;book=durable")
            .Capabilities.KeepsBook);
        Assert.False(FixSessionSettings.Parse("host=h;port=1;sender=A;target=B;book=memory").Capabilities.KeepsBook);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("host=h;sender=A;target=B", "'port' is missing")]
    [InlineData("host=h;port=70000;sender=A;target=B", "'port=70000' must be a whole number from 1 to 65535")]
    [InlineData("host=h;port=1;sender=A B;target=B", "'sender=A B' must be printable ASCII without spaces")]
    [InlineData("host=h;port=1;sender=A;target=B;version=FIX.5.0", "'version=FIX.5.0' is not supported")]
    [InlineData("host=h;port=1;sender=A;target=B;colour=blue", "'colour' is not a known key")]
    [InlineData("host=h;port=1;sender=A;target=B;port=2", "'port' is given twice")]
    [InlineData("host=h;port=1;sender=A;target=B;types=limit,iceberg", "'types' has 'iceberg'")]
    [InlineData("host=h;port=1;sender=A;target=B;start=9:30", "'start=9:30' must be a UTC time of day as HH:mm:ss")]
    [InlineData("host=h;port=1;sender=A;target=B;heartbeat=0", "'heartbeat=0' must be a whole number from 1 to 3600")]
    [InlineData("host=h;port=1;sender=A;target=B;reconnect=5;maxreconnect=1",
        "'maxreconnect' must be at least 'reconnect'")]
    [InlineData("host=h;port=1;sender=A;target=B;profile=nyse", "'profile=nyse' must be executor, ordermatch or full")]
    [InlineData("host=h;port=1;sender=A;target=B;book=ram", "'book=ram' must be durable")]
    [InlineData("host=h;port=1;target=B", "'sender' is missing")]
    [InlineData("just text", "'just text' is not key=value")]
    public void A_wrong_connection_string_fails_with_a_clear_message(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => FixSessionSettings.Parse(text));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith("FILLMORE_VENUE_FIX is not a valid FIX connection string", error.Message);
        Assert.EndsWith($"Example: {FixConnectionString.Example}", error.Message);
    }

    [Theory]
    [InlineData("00:00:00", "00:00:00", "2026-11-30T23:59:00Z", "2026-11-30T00:00:00Z")]
    [InlineData("00:00:00", "00:00:00", "2026-12-01T00:00:00Z", "2026-12-01T00:00:00Z")]
    [InlineData("13:30:00", "20:00:00", "2026-11-30T14:00:00Z", "2026-11-30T13:30:00Z")]
    [InlineData("13:30:00", "20:00:00", "2026-11-30T21:00:00Z", null)]
    [InlineData("22:00:00", "06:00:00", "2026-11-30T23:00:00Z", "2026-11-30T22:00:00Z")]
    [InlineData("22:00:00", "06:00:00", "2026-12-01T05:00:00Z", "2026-11-30T22:00:00Z")]
    [InlineData("22:00:00", "06:00:00", "2026-12-01T07:00:00Z", null)]
    public void The_schedule_says_which_session_a_moment_belongs_to(string start, string end, string now,
        string? sessionStart)
    {
        var schedule = new FixSessionSchedule(TimeOnly.Parse(start, System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(sessionStart is null ? null : DateTimeOffset.Parse(sessionStart,
            System.Globalization.CultureInfo.InvariantCulture),
            schedule.SessionStart(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
