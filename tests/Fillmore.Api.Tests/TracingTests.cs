// Traces (docs/observability.md, "Traces"): one submission is one trace, order.submit → order.commit
// → venue.send → venue.report → event.publish, although the send and the reports run later on other
// threads. In process: an ActivityListener on the "Fillmore" source over the real service. As a
// process: the service exports over OTLP (http/protobuf) to a loopback listener this test runs.
namespace Fillmore.Api.Tests;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Fillmore.Core.Execution;

public sealed class TracingTests
{
    [Fact]
    public async Task A_submission_is_one_trace_from_its_submit_to_the_venue_and_its_events()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        using var factory = new FillmoreFactory();
        var alice = factory.ClientFor(FillmoreFactory.Alice);
        var id = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 10, order_type = "MARKET" }))
            .JsonAsync()).Id();
        await factory.FilledAsync(alice, id);

        // Other hosts in this test process trace too: this order's spans are those of its submission's trace.
        Activity Submit() => stopped.Single(a => a.OperationName == EngineTracing.Submit && Tag(a, EngineTracing.OrderIdTag) == id);
        List<Activity> Trace() => stopped.Where(a => a.TraceId == Submit().TraceId).ToList();
        bool Has(string name, Func<Activity, bool>? also = null) => Trace().Any(a => a.OperationName == name && (also?.Invoke(a) ?? true));
        await Wait.UntilAsync(() => stopped.Any(a => a.OperationName == EngineTracing.Submit && Tag(a, EngineTracing.OrderIdTag) == id)
            && Has(EngineTracing.Send) && Has(EngineTracing.Report)
            && Has(EngineTracing.Publish, a => Tag(a, EngineTracing.EventsTag)!.Contains("order.filled")),
            "the order's send, a venue report and its order.filled event are traced");

        var submit = Submit();
        Assert.Equal(("alice", "AAPL", "created"), (Tag(submit, EngineTracing.TraderTag), Tag(submit, EngineTracing.SymbolTag),
            Tag(submit, EngineTracing.OutcomeTag)));
        var trace = Trace();
        var commit = trace.Single(a => a.OperationName == EngineTracing.Commit);
        var send = trace.Single(a => a.OperationName == EngineTracing.Send);
        Assert.Equal(submit.SpanId, commit.ParentSpanId);
        // The send ran on a send worker, after the submission's answer: still the submission's child.
        Assert.Equal(submit.SpanId, send.ParentSpanId);
        Assert.Equal(("SIM", "confirmed", id), (Tag(send, EngineTracing.VenueTag), Tag(send, EngineTracing.OutcomeTag),
            Tag(send, EngineTracing.OrderIdTag)));
        Assert.All(trace.Where(a => a.OperationName == EngineTracing.Report), r =>
        {
            Assert.Equal(submit.SpanId, r.ParentSpanId);
            Assert.Equal(id, Tag(r, EngineTracing.OrderIdTag));
        });
        // The accepted event is published under the submission's commit, the filled one under what recorded the fill.
        var accepted = trace.Single(a => a.OperationName == EngineTracing.Publish && Tag(a, EngineTracing.EventsTag) == "order.accepted");
        Assert.Equal(commit.SpanId, accepted.ParentSpanId);
        var filled = trace.First(a => a.OperationName == EngineTracing.Publish && Tag(a, EngineTracing.EventsTag)!.Contains("order.filled"));
        Assert.Contains(trace, a => a.SpanId == filled.ParentSpanId && a.OperationName is EngineTracing.Send or EngineTracing.Report);
    }

    [Fact]
    public async Task A_refused_submission_is_traced_with_its_code()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = Listen(stopped);
        using var factory = new FillmoreFactory();
        var refused = await (await factory.ClientFor(FillmoreFactory.Bob).SubmitAsync(
            new { symbol = "HALT", side = "BUY", quantity = 1, order_type = "MARKET" })).JsonAsync();
        var id = refused.GetProperty("order_id").GetString();

        var submit = stopped.Single(a => a.OperationName == EngineTracing.Submit && Tag(a, EngineTracing.OrderIdTag) == id);
        Assert.Equal(("denied", "SYMBOL_HALTED", ActivityStatusCode.Error),
            (Tag(submit, EngineTracing.OutcomeTag), Tag(submit, EngineTracing.CodeTag), submit.Status));
        Assert.DoesNotContain(stopped, a => a.OperationName == EngineTracing.Send && Tag(a, EngineTracing.OrderIdTag) == id);
    }

    [Fact]
    public async Task The_service_exports_its_spans_over_otlp_when_an_endpoint_is_set()
    {
        using var collector = new HttpListener();
        var port = ServiceProcess.FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        var allSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        string[] wanted = [EngineTracing.Submit, EngineTracing.Commit, EngineTracing.Send, EngineTracing.Publish];
        var serving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                HttpListenerContext context;
                try { context = await collector.GetContextAsync(); }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException) { return; }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                received.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.Close();
                var text = string.Concat(received.Select(r => Encoding.UTF8.GetString(r.Body)));
                if (wanted.All(text.Contains)) allSeen.TrySetResult();
            }
        });
        var dataDir = Directory.CreateTempSubdirectory("fillmore-otlp-").FullName;
        try
        {
            await using var service = await ServiceProcess.StartAsync("Fillmore.Api", dataDir, new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development", ["FILLMORE_DB"] = Path.Combine(dataDir, "otlp.db"),
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf", ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            });
            var alice = service.Client(FillmoreFactory.Alice);
            var id = (await (await alice.SubmitAsync(new { symbol = "AAPL", side = "BUY", quantity = 1, order_type = "MARKET" }))
                .JsonAsync()).Id();
            await alice.WaitForStatusAsync(id, "FILLED");

            await allSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.All(received, r => Assert.Equal("/v1/traces", r.Path));
            var all = string.Concat(received.Select(r => Encoding.UTF8.GetString(r.Body)));
            Assert.Contains(id, all);                    // the order id tag, a plain UTF-8 string in the protobuf
            Assert.Contains("/api/v1/orders", all);      // ASP.NET Core's request span, the submission's parent
        }
        finally
        {
            collector.Stop();
            await serving;
            Directory.Delete(dataDir, recursive: true);
        }
    }

    // Every span of the "Fillmore" source in this process, this test's and other hosts' alike, once it stops.
    private static ActivityListener Listen(ConcurrentQueue<Activity> stopped)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTracing.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static string? Tag(Activity activity, string name) => activity.GetTagItem(name)?.ToString();
}
