// MsgType (35) values this adapter knows. Admin messages are the session's own; everything else
// is an application message (stored before it is sent, replayed on a ResendRequest).
namespace Fillmore.Venues.Fix;

internal static class FixMsgTypes
{
    public const string Heartbeat = "0", TestRequest = "1", ResendRequest = "2", Reject = "3", SequenceReset = "4";
    public const string Logout = "5", Logon = "A";
    public const string ExecutionReport = "8", OrderCancelReject = "9", NewOrderSingle = "D", OrderCancelRequest = "F";
    public const string OrderCancelReplaceRequest = "G", OrderStatusRequest = "H", BusinessMessageReject = "j";

    public static bool IsAdmin(string msgType) => msgType is Heartbeat or TestRequest or ResendRequest or Reject
        or SequenceReset or Logout or Logon;
}
