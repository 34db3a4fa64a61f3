// The status stream's settings (section "Fillmore:Stream"; ORDER_STATUS_UPDATE_TIMEOUT bounds the
// polling endpoint's long-poll wait).
namespace Fillmore.Api.Streaming;

public sealed class StreamOptions
{
    /// <summary>Events that may wait for one client; a client that falls further behind is disconnected.</summary>
    public int BufferSize { get; set; } = 1024;

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events read from the store per query while replaying.</summary>
    public int ReplayPageSize { get; set; } = 500;

    /// <summary>The longest a GET /api/v1/events long-poll waits (ORDER_STATUS_UPDATE_TIMEOUT, seconds).</summary>
    public int StatusUpdateTimeoutSeconds { get; set; } = 30;
}
