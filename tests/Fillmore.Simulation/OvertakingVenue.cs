// The simulated venue as a fast venue looks to the engine: its reports can overtake its answers.
// With the given chance, after the venue has taken a submit but before the engine hears the
// answer, the reports the venue has produced so far are applied (ExecutionCoordinator parks those
// of the order being sent and commits the first with the acknowledgement). With the venue's answers
// terse (SimulatedFaults.TerseAnswers), what the engine learns of executions then comes from the
// report stream alone. Everything else passes through unchanged, so the simulation's invariants
// cover these paths too.
namespace Fillmore.Simulation;

using System.Threading.Channels;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Venues.Simulated;

public sealed class OvertakingVenue(SimulatedVenue inner, double chance, Random random) : IVenue
{
    /// <summary>Set once the engine that reads this venue exists.</summary>
    public ExecutionCoordinator? Coordinator { get; set; }

    public string Name => inner.Name;
    public ChannelReader<ExecutionReport> Reports => inner.Reports;

    public event EventHandler? Reconnected
    {
        add => inner.Reconnected += value;
        remove => inner.Reconnected -= value;
    }

    public async ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default)
    {
        var outcome = await inner.SubmitAsync(order, ct).ConfigureAwait(false);
        if (Coordinator is { } engine && random.NextDouble() < chance)
            while (inner.Reports.TryRead(out var report)) await engine.ApplyReportAsync(report, ct).ConfigureAwait(false);
        return outcome;
    }

    public VenueCapabilities Capabilities => inner.Capabilities;

    public ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default) => inner.ReplaceAsync(order, terms, ct);

    public ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default) => inner.CancelAsync(id, ct);
    public ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default) => inner.QueryAsync(id, ct);
    public ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default) => inner.ListOpenOrdersAsync(ct);
}
