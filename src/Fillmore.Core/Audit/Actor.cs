// Who caused an audited action. Stable names: compliance queries them.
namespace Fillmore.Core.Audit;

/// <summary>Who caused an audited action.</summary>
public enum Actor { Trader, System, Admin }
