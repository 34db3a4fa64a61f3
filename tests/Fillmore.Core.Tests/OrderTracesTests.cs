// OrderTraces keeps a submission's trace for the order's later work, and only then: with no span of
// the "Fillmore" source current (nobody listens, or another source's span) nothing is kept, so an
// untraced service pays nothing. An order another node took over lets its trace go at once; an
// ended one only after ClosedKept more have ended (the venue repeats reports after the end).
namespace Fillmore.Core.Tests;

using System.Diagnostics;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;

public class OrderTracesTests
{
    private static OrderId NewId() => new(Guid.NewGuid());

    [Fact]
    public void Nothing_is_kept_without_a_span_of_the_Fillmore_source()
    {
        var inFlight = new InFlight(TimeProvider.System);
        inFlight.Enqueue(NewId());
        using (new Activity("another source's request").Start()) inFlight.Enqueue(NewId());
        Assert.Equal(0, inFlight.Traces.Count);
    }

    [Fact]
    public void A_queued_order_keeps_the_submission_span_until_another_node_takes_it()
    {
        using var listener = Listen();
        var (inFlight, id) = (new InFlight(TimeProvider.System), NewId());
        ActivityContext submission;
        using (var span = EngineTracing.Source.StartActivity(EngineTracing.Submit)!)
        {
            submission = span.Context;
            inFlight.Enqueue(id);
        }
        Assert.Equal(submission, inFlight.Traces.ParentOf(id));
        inFlight.Abandon(id);
        Assert.Equal(default, inFlight.Traces.ParentOf(id));
    }

    [Fact]
    public void An_ended_order_keeps_its_trace_until_ClosedKept_more_have_ended()
    {
        using var listener = Listen();
        var inFlight = new InFlight(TimeProvider.System);
        var ids = Enumerable.Range(0, OrderTraces.ClosedKept + 1).Select(_ => NewId()).ToList();
        using (EngineTracing.Source.StartActivity(EngineTracing.Submit))
            foreach (var id in ids) inFlight.Enqueue(id);
        foreach (var id in ids.Take(OrderTraces.ClosedKept)) inFlight.Traces.Ended(id);
        Assert.NotEqual(default, inFlight.Traces.ParentOf(ids[0]));
        inFlight.Traces.Ended(ids[^1]);
        Assert.Equal(default, inFlight.Traces.ParentOf(ids[0]));
        Assert.NotEqual(default, inFlight.Traces.ParentOf(ids[1]));
        Assert.Equal(OrderTraces.ClosedKept, inFlight.Traces.Count);
    }

    private static ActivityListener Listen()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
