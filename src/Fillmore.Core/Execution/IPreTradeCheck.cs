// The v2 path's pre-trade risk pipeline (HTTP 422 when it refuses). Runs inside the trader's
// gate, so a check and the reservation it implies are atomic per account.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public interface IPreTradeCheck
{
    ValueTask<IReadOnlyList<RuleViolation>> CheckAsync(TraderId trader, OrderSpec spec, CancellationToken ct);
}
