// The base of every error this client raises on purpose: the service refused (FillmoreApiException) or
// could not be reached (FillmoreConnectionException). Cancellation stays OperationCanceledException.
namespace Fillmore.Client;

public abstract class FillmoreException : Exception
{
    protected FillmoreException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>For a submit: the client order id every attempt carried. Submit again with it (and the same fields)
    /// to learn what became of the order; it can never create a second one.</summary>
    public string? ClientOrderId { get; init; }
}
