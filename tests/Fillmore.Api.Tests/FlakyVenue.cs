// The paper exchange, except that orders in one symbol never get an answer (the venue timed out:
// outcome Unknown), so tests can produce FAILED orders on demand.
namespace Fillmore.Api.Tests;

using System.Threading.Channels;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.DependencyInjection;

public sealed class FlakyVenue(SimulatedVenue inner, string silentSymbol) : IVenue
{
    public string Name => inner.Name;
    public ChannelReader<ExecutionReport> Reports => inner.Reports;

    public ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default) =>
        order.Spec.Symbol.Value == silentSymbol
            ? ValueTask.FromResult<VenueOutcome>(new VenueOutcome.Unknown("VENUE_TIMEOUT", "no answer within 5 s"))
            : inner.SubmitAsync(order, ct);

    public VenueCapabilities Capabilities => inner.Capabilities;

    public ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default) => inner.ReplaceAsync(order, terms, ct);

    public ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default) => inner.CancelAsync(id, ct);
    public ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default) => inner.QueryAsync(id, ct);
    public ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default) => inner.ListOpenOrdersAsync(ct);

    public event EventHandler? Reconnected
    {
        add => inner.Reconnected += value;
        remove => inner.Reconnected -= value;
    }

    /// <summary>Installs a FlakyVenue in a test host.</summary>
    public static void Install(IServiceCollection services, string silentSymbol) =>
        services.AddSingleton<IVenue>(sp => new FlakyVenue(sp.GetRequiredService<SimulatedVenue>(), silentSymbol));
}
