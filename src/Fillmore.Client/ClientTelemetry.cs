// The client's spans (ActivitySource "Fillmore.Client"): one per call, with the client order id on a
// submit. HttpClient carries the trace context to the service in the traceparent header, so a
// bot's span and the service's submit → commit → send → event spans share one trace.
namespace Fillmore.Client;

using System.Diagnostics;

public static class ClientTelemetry
{
    public const string SourceName = "Fillmore.Client";

    internal static readonly ActivitySource Source = new(SourceName, "0.1.0");
}
