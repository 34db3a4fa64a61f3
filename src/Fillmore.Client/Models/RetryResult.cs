// What a retry of a FAILED order answered: re-sent (202), or the venue had it after all and its state
// was adopted (200, nothing sent).
namespace Fillmore.Client;

public sealed record RetryResult(Order Order, bool Resent);
