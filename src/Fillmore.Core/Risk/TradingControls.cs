// The global kill switch. When halted, every new order is refused (TRADING_HALTED); cancels still
// work. Persisted by the store (control "trading_halt"), so a restart does not lift it.
namespace Fillmore.Core.Risk;

public sealed class TradingControls
{
    public const string HaltKey = "trading_halt";

    private volatile string? _haltReason;

    /// <summary>Null while trading is allowed; otherwise why it is halted.</summary>
    public string? HaltReason => _haltReason;

    public void Set(string? haltReason) => _haltReason = string.IsNullOrWhiteSpace(haltReason) ? null : haltReason;
}
