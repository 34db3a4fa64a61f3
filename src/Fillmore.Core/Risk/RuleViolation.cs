// Why an order was refused, for a program (Code, stable forever, SCREAMING_SNAKE) and for a
// person (Message with the numbers in it, and a Suggestion saying how to fix it).
namespace Fillmore.Core.Risk;

public sealed record RuleViolation(
    string? Field,
    string Code,
    string Message,
    string Suggestion,
    IReadOnlyDictionary<string, object?>? Details = null);
