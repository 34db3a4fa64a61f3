// Where quotes come from when the order venue sends none (a FIX order session), section
// "Fillmore:MarketData" (FILLMORE_MARKET_DATA, FILLMORE_REFERENCE_PRICES). "paper": the in-process
// paper exchange's simulated quote board (the default in Development); "file": a reference-price
// file (CSV or JSON: symbol, bid, ask, last), read again whenever it changes. The risk rules fail
// closed either way: a symbol missing from the source, or a quote older than MaxQuoteAge, denies
// the order with the existing codes (UNKNOWN_SYMBOL, NO_QUOTE_AVAILABLE).
namespace Fillmore.Venues.MarketData;

public sealed class MarketDataOptions
{
    public const string Paper = "paper";
    public const string File = "file";

    /// <summary>paper or file; unset means paper in Development and a start-up error elsewhere.</summary>
    public string? Source { get; set; }

    /// <summary>The reference-price file (Source = file): .csv or .json.</summary>
    public string? Path { get; set; }

    /// <summary>A quote older than this (its timestamp column, else the file's last write) is not served.</summary>
    public TimeSpan MaxQuoteAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the file is checked for changes.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
