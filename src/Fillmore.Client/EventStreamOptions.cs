// What StreamEventsAsync asks for. Since is the seq of the last event you processed (0: everything);
// keep it with your state and pass it after a restart, and no event is missed or seen twice. Left
// null, the stream starts live, and a drop before the first event can miss what happened meanwhile.
namespace Fillmore.Client;

public sealed record EventStreamOptions
{
    public long? Since { get; init; }
    public string? Symbol { get; init; }
    public Guid? OrderId { get; init; }
    /// <summary>Compliance: one trader's stream (required to resume by seq).</summary>
    public string? TraderId { get; init; }
    public EventTransport Transport { get; init; } = EventTransport.WebSocket;
    /// <summary>Long-poll: how long one request waits for news (at most the service's
    /// ORDER_STATUS_UPDATE_TIMEOUT).</summary>
    public TimeSpan PollWait { get; init; } = TimeSpan.FromSeconds(25);
    /// <summary>Told when the stream connects, drops or resumes (for a log line or a status bar).</summary>
    public Action<StreamNotice>? Notices { get; init; }
}
