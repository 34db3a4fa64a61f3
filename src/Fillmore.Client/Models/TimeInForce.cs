// Times in force. GTD needs OrderRequest.ExpireAt. Unknown: a value this client does not know yet.
namespace Fillmore.Client;

public enum TimeInForce
{
    Unknown,
    Day,
    Gtc,
    Ioc,
    Fok,
    Gtd,
}
