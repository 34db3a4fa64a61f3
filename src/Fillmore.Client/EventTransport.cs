// How the event stream reaches the service: the WebSocket (live, milliseconds) or long-polling
// GET /api/v1/events?wait= (through proxies that refuse WebSockets).
namespace Fillmore.Client;

public enum EventTransport
{
    WebSocket,
    LongPoll,
}
