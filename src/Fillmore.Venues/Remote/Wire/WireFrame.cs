// One text message on the report socket (GET /v1/reports). The exchange sends HELLO once the
// session is registered for the broadcast, so a client that has read HELLO misses nothing after
// it; every later message is a REPORT. Unknown types are protocol breakage.
namespace Fillmore.Venues.Remote.Wire;

public sealed record WireFrame(string Type, WireExecutionReport? Report)
{
    public const string Hello = "HELLO";
    public const string ReportType = "REPORT";
}
