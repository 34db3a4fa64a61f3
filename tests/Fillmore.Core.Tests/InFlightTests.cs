// InFlight's queue holds an order once: two reconciliations that both find an order missing, or a
// dispatch while the order's request is on the wire, must not queue a second send.
namespace Fillmore.Core.Tests;

using Fillmore.Core.Execution;
using Fillmore.Core.Orders;

public class InFlightTests
{
    private static int Queued(InFlight inFlight)
    {
        var count = 0;
        while (inFlight.Due.TryRead(out _)) count++;
        return count;
    }

    [Fact]
    public void An_order_queued_twice_is_queued_once()
    {
        var (inFlight, id) = (new InFlight(TimeProvider.System), new OrderId(Guid.NewGuid()));
        inFlight.Enqueue(id);
        inFlight.Enqueue(id);
        Assert.Equal(1, Queued(inFlight));
        Assert.Equal(new Execution.Decisions.SendSlot(true, 0), inFlight.Take(id));
        Assert.Equal(new Execution.Decisions.SendSlot(false, 0), inFlight.Take(id));   // nothing left for a stale entry
    }

    [Fact]
    public void An_order_on_the_wire_is_not_queued_again_until_its_answer_is_recorded()
    {
        var (inFlight, id) = (new InFlight(TimeProvider.System), new OrderId(Guid.NewGuid()));
        inFlight.Enqueue(id);
        Queued(inFlight);
        inFlight.Take(id);
        inFlight.BeginSending(id);
        inFlight.Enqueue(id);
        Assert.Equal((0, true), (Queued(inFlight), inFlight.Take(id).Sending));
        inFlight.EndSending(id);
        inFlight.Enqueue(id);
        Assert.Equal(1, Queued(inFlight));
    }
}
