// The kinds of StreamNotice.
namespace Fillmore.Client;

public enum StreamNoticeKind
{
    Connected,
    ReplayComplete,
    Disconnected,
}
