// What an order is in its family: the entry (also every simple order), a take-profit or a stop-loss exit,
// or one venue's part of an order SMART split across venues (Route).
namespace Fillmore.Client;

public enum LegRole
{
    Unknown,
    Entry,
    TakeProfit,
    StopLoss,
    Route,
}
