// One pre-trade risk rule. Rules run in a fixed order (PreTradePipeline); each either passes
// (null) or refuses with a stable code, a message with the numbers, details and a suggestion.
// Missing data refuses: a rule never passes by default (fail closed). A prerequisite rule checks
// data the later rules need; when it refuses, the later rules are not run.
namespace Fillmore.Core.Risk;

public interface IPreTradeRule
{
    bool IsPrerequisite => false;

    RuleViolation? Check(PreTradeContext context);
}
