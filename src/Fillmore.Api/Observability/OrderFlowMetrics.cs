// The order flow on /metrics (meter "Fillmore"): every order event this node committed, by type
// (accepted, denied, filled, rejected, in_doubt, retrying, recovered, cancelled, ...), and every
// order refused at the door, by code (a risk rule's 422, RATE_LIMITED). Counted where they happen
// (the store's publish after commit, the problem writer), so they match the stream and the answers.
namespace Fillmore.Api.Observability;

using System.Diagnostics.Metrics;

public static class OrderFlowMetrics
{
    public const string Events = "fillmore.orders.events";
    public const string Refusals = "fillmore.orders.refusals";

    private static readonly Meter Meter = new("Fillmore");
    private static readonly Counter<long> EventCounter = Meter.CreateCounter<long>(Events, "{event}",
        "Order events committed by this node, by type (order.accepted, order.filled, order.in_doubt, ...).");
    private static readonly Counter<long> RefusalCounter = Meter.CreateCounter<long>(Refusals, "{order}",
        "Orders refused by a risk rule (422) or the rate limit (429), by code.");

    public static void Committed(string eventType) =>
        EventCounter.Add(1, new KeyValuePair<string, object?>("event", eventType));

    public static void Refused(string code) => RefusalCounter.Add(1, new KeyValuePair<string, object?>("code", code));
}
