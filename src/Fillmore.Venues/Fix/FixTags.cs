// The FIX tags this adapter reads or writes (FIX 4.2 and 4.4 share them), by name.
namespace Fillmore.Venues.Fix;

internal static class FixTags
{
    public const int Account = 1;
    public const int AvgPx = 6, BeginSeqNo = 7, BeginString = 8, BodyLength = 9, CheckSum = 10, ClOrdId = 11;
    public const int Commission = 12, CumQty = 14, EndSeqNo = 16, ExecId = 17, ExecTransType = 20, HandlInst = 21;
    public const int LastPx = 31, LastQty = 32, MsgSeqNum = 34, MsgType = 35, NewSeqNo = 36, OrderId = 37;
    public const int OrderQty = 38, OrdStatus = 39, OrdType = 40, OrigClOrdId = 41, PossDupFlag = 43, Price = 44;
    public const int RefSeqNum = 45, SenderCompId = 49, SendingTime = 52, Side = 54, Symbol = 55, TargetCompId = 56;
    public const int Text = 58, TimeInForce = 59, TransactTime = 60, PossResend = 97, EncryptMethod = 98, StopPx = 99;
    public const int CxlRejReason = 102, OrdRejReason = 103, HeartBtInt = 108, TestReqId = 112, OrigSendingTime = 122;
    public const int GapFillFlag = 123, ResetSeqNumFlag = 141, LeavesQty = 151, ExecType = 150, RefTagId = 371;
    public const int RefMsgType = 372, SessionRejectReason = 373, BusinessRejectRefId = 379, BusinessRejectReason = 380;
    public const int CxlRejResponseTo = 434;
}
