// Who may use the exchange (section "Exchange"): with ApiKey set, every /v1 request must carry it
// as X-API-Key (401 otherwise). Empty: open, as a paper exchange on loopback usually is.
namespace Fillmore.Exchange;

public sealed class ExchangeAccessOptions
{
    public string? ApiKey { get; set; }
}
