// The published spelling of every enum value: UPPER_SNAKE_CASE (PendingSubmit -> PENDING_SUBMIT).
// The API's JSON converter, the store's columns and the audit hash all use this one mapping.
namespace Fillmore.Core.Orders;

using System.Runtime.CompilerServices;
using System.Text;

public static class ApiNames
{
    // One array per enum type, indexed by the (dense, zero-based) enum value: no boxing on the hot path.
    private static class Names<TEnum> where TEnum : struct, Enum
    {
        public static readonly string[] ByValue = Enum.GetValues<TEnum>().Select(v => ToUpperSnake(v.ToString()))
            .ToArray();
    }

    public static string Of<TEnum>(TEnum value) where TEnum : struct, Enum =>
        Names<TEnum>.ByValue[Unsafe.As<TEnum, int>(ref value)];

    /// <summary>As Of, null for null (a control audit entry's status, side and path).</summary>
    public static string? OfOrNull<TEnum>(TEnum? value) where TEnum : struct, Enum =>
        value is { } v ? Of(v) : null;

    /// <summary>As Parse, null for null.</summary>
    public static TEnum? ParseOrNull<TEnum>(string? text) where TEnum : struct, Enum =>
        text is null ? null : Parse<TEnum>(text);

    public static bool TryParse<TEnum>(string? text, out TEnum value) where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var wanted = text.Trim().Replace("_", "", StringComparison.Ordinal);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(candidate.ToString(), wanted, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        return false;
    }

    public static TEnum Parse<TEnum>(string text) where TEnum : struct, Enum =>
        TryParse<TEnum>(text, out var v) ? v : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name}.");

    public static IEnumerable<string> AllOf<TEnum>() where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(Of);

    private static string ToUpperSnake(string pascal)
    {
        var sb = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1])) sb.Append('_');
            sb.Append(char.ToUpperInvariant(pascal[i]));
        }
        return sb.ToString();
    }
}
