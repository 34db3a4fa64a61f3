// The service could not be reached, or its answer was lost, on every attempt this client was allowed.
// For a submit the order may or may not exist: ClientOrderId says how to find out without a duplicate.
namespace Fillmore.Client;

public sealed class FillmoreConnectionException(string message, int attempts, Exception? inner)
    : FillmoreException(message, inner)
{
    public int Attempts { get; } = attempts;
}
