// The engine's traces (ActivitySource "Fillmore", exported over OTLP by the host when it is told where):
// one trace per submission, order.submit → order.commit → venue.send → venue.report → event.publish.
// The send and the reports run later on other threads; they join the submission's trace through
// the context OrderTraces kept for the order. Free when nobody listens: StartActivity answers null
// without allocating, every tag is set through ?. (its arguments are then never evaluated), and no
// context is kept. Spans are timed by the runtime's clock, which decides nothing; the engine's own
// time stays its TimeProvider.
namespace Fillmore.Core.Execution;

using System.Diagnostics;
using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public static class EngineTracing
{
    public const string SourceName = "Fillmore";

    /// <summary>OrderService's submission: shape, risk, the commit, the hand-over to the send workers.</summary>
    public const string Submit = "order.submit";
    /// <summary>The submission's commit: the wait for its group commit to be durable.</summary>
    public const string Commit = "order.commit";
    /// <summary>One attempt to send the order to the venue, up to its answer being recorded.</summary>
    public const string Send = "venue.send";
    /// <summary>One venue report (acknowledgement, fill, cancel, ...) decided and committed.</summary>
    public const string Report = "venue.report";
    /// <summary>A commit's events handed to the stream's subscribers (the store's publish after its commit).</summary>
    public const string Publish = "event.publish";

    public const string OrderIdTag = "fillmore.order.id";
    public const string TraderTag = "fillmore.trader";
    public const string SymbolTag = "fillmore.symbol";
    public const string OutcomeTag = "fillmore.outcome";
    public const string CodeTag = "fillmore.refusal.code";
    public const string VenueTag = "fillmore.venue";
    public const string AttemptTag = "fillmore.attempt";
    public const string ReportKindTag = "fillmore.report.kind";
    public const string EventsTag = "fillmore.events";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>A span of this source named <paramref name="name"/> under <paramref name="parent"/> (none: under
    /// the ambient span, if any); null when nobody samples it.</summary>
    public static Activity? Start(string name, ActivityContext parent, ActivityKind kind = ActivityKind.Internal) =>
        Source.StartActivity(name, kind, parent);

    /// <summary>The ambient span's context when someone listens to this source (a store keeps it beside a change
    /// to parent that change's event.publish); default otherwise, at the cost of one check.</summary>
    public static ActivityContext Ambient() =>
        Source.HasListeners() && Activity.Current is { } current ? current.Context : default;

    internal static void Submitted(Activity span, SubmitResult result)
    {
        var (outcome, order, code) = result switch
        {
            SubmitResult.Created c => ("created", c.Order, null),
            SubmitResult.Replayed r => ("replayed", r.Order, null),
            SubmitResult.Denied d => ("denied", d.Order, d.Errors.FirstOrDefault()?.Code),
            SubmitResult.ClientOrderIdReused u => ("client_order_id_reused", u.Existing, null),
            SubmitResult.Invalid i => ("invalid", (Order?)null, i.Errors.FirstOrDefault()?.Code),
            _ => ("unknown", null, null),
        };
        span.SetTag(OutcomeTag, outcome);
        if (order is not null) span.SetTag(OrderIdTag, order.Id.ToString());
        if (code is not null)
        {
            span.SetTag(CodeTag, code);
            span.SetStatus(ActivityStatusCode.Error, code);
        }
    }

    internal static string OutcomeOf(VenueOutcome outcome) => outcome.GetType().Name.ToLowerInvariant();

    internal static string OutcomeOf(Decision decision) => decision switch
    {
        Decision.Commit => "applied",
        Decision.Anomaly => "anomaly",
        _ => "ignored",
    };
}
