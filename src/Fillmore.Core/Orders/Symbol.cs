// Symbol: an instrument ticker, 1 to 10 characters of A-Z, 0-9, '.' or '-', upper case.
// Lower-case input is normalised rather than refused: "aapl" is plainly AAPL.
namespace Fillmore.Core.Orders;

public readonly record struct Symbol
{
    public const int MaxLength = 10;

    public string Value { get; }

    private Symbol(string value) => Value = value;

    public static bool TryCreate(string? text, out Symbol symbol)
    {
        symbol = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var upper = text.Trim().ToUpperInvariant();
        if (upper.Length > MaxLength || !upper.All(IsSymbolChar) || !char.IsAsciiLetterOrDigit(upper[0])) return false;
        symbol = new Symbol(upper);
        return true;
    }

    /// <summary>For values already validated (read back from the store or configuration).</summary>
    public static Symbol Of(string text) =>
        TryCreate(text, out var s) ? s : throw new ArgumentException($"'{text}' is not a valid symbol.", nameof(text));

    private static bool IsSymbolChar(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is '.' or '-';

    public override string ToString() => Value;
}
