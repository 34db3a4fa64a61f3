// What an order is in its family: the entry (also every simple order), a take-profit or a stop-loss exit.
namespace Fillmore.Client;

public enum LegRole
{
    Unknown,
    Entry,
    TakeProfit,
    StopLoss,
}
