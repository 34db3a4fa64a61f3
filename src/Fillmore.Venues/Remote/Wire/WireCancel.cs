// The body of a cancel request (DELETE /v1/orders/{id}). It repeats the id on purpose: a request
// with a body is never silently re-sent by HttpClient on a reused connection (dotnet/runtime#86714
// retries body-less requests when the server closes after reading the headers), so one cancel
// call reaches the exchange at most once.
namespace Fillmore.Venues.Remote.Wire;

public sealed record WireCancel(Guid ClientOrderId);
