// Readiness: false until start-up recovery has reconciled every open order with the venue.
namespace Fillmore.Api.Hosting;

public sealed class StartupState
{
    private volatile bool _ready;

    public bool Ready => _ready;

    public void MarkReady() => _ready = true;
}
