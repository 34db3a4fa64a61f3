// Sits in the remote venue's HTTP pipeline and notes, for health, when the exchange last answered
// any request (any status: an answer proves it is reachable) and whether the latest attempt could
// not reach it at all. The quote polls go through it every QuotePollInterval, so on an idle
// service the record is still fresh. A request the caller gave up on proves nothing either way.
namespace Fillmore.Venues.Remote;

internal sealed class ContactRecorder(TimeProvider time) : DelegatingHandler
{
    private sealed record Contact(DateTimeOffset? LastAnswerAt, bool LastFailed, string? Failure);

    private volatile Contact _contact = new(null, false, null);

    /// <summary>When the exchange last answered a request (null: never).</summary>
    public DateTimeOffset? LastAnswerAt => _contact.LastAnswerAt;

    /// <summary>The latest request could not reach the exchange (refused, reset, unresolvable), and why.</summary>
    public string? Failure => _contact.LastFailed ? _contact.Failure : null;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken cancellationToken)
    {
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            _contact = new Contact(time.GetUtcNow(), false, null);
            return response;
        }
        catch (HttpRequestException ex)
        {
            _contact = _contact with { LastFailed = true, Failure = ex.HttpRequestError.ToString() };
            throw;
        }
    }
}
