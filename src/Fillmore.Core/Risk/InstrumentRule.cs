// Rule 2 (prerequisite): the instrument exists and can be traded now.
namespace Fillmore.Core.Risk;

using Fillmore.Core.Ports;

public sealed class InstrumentRule : IPreTradeRule
{
    public bool IsPrerequisite => true;

    public RuleViolation? Check(PreTradeContext context)
    {
        var symbol = context.Order.Symbol;
        return context.Market.FindInstrument(symbol) switch
        {
            null => new("symbol", ReasonCodes.UnknownSymbol, $"{symbol} is not an instrument this venue lists.",
                "Check the ticker; GET /api/v1/instruments lists what can be traded."),
            { Status: InstrumentStatus.Halted } => new("symbol", ReasonCodes.SymbolHalted,
                $"Trading in {symbol} is halted.", "Wait until trading resumes, then send the order again."),
            { Status: InstrumentStatus.Delisted } => new("symbol", ReasonCodes.SymbolNotTradable,
                $"{symbol} is delisted and cannot be traded.", "Choose another instrument."),
            _ => null,
        };
    }
}
