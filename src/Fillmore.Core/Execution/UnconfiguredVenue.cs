// An order's venue that this node no longer has in its configuration: nothing is sent to it and no
// question can be answered, so the order stays as it is (in doubt once its sender gives up) instead
// of being sent to, or reconciled against, a venue it was never at.
namespace Fillmore.Core.Execution;

using System.Threading.Channels;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class UnconfiguredVenue(string name) : IVenue
{
    private static readonly Channel<ExecutionReport> NoReports = Channel.CreateUnbounded<ExecutionReport>();

    public string Name => name;

    public VenueCapabilities Capabilities => VenueCapabilities.All;

    public ChannelReader<ExecutionReport> Reports => NoReports.Reader;

    public event EventHandler? Reconnected { add { } remove { } }

    private string Reason => $"the venue {name} is not configured on this node";

    public ValueTask<VenueOutcome> SubmitAsync(Order order, CancellationToken ct = default) =>
        ValueTask.FromResult<VenueOutcome>(new VenueOutcome.Retryable(ReasonCodes.VenueNotFound, Reason, null));

    public ValueTask<VenueOutcome> ReplaceAsync(Order order, OrderTerms terms, CancellationToken ct = default) =>
        ValueTask.FromResult<VenueOutcome>(new VenueOutcome.Retryable(ReasonCodes.VenueNotFound, Reason, null));

    public ValueTask<VenueOutcome> CancelAsync(OrderId id, CancellationToken ct = default) =>
        ValueTask.FromResult<VenueOutcome>(new VenueOutcome.Retryable(ReasonCodes.VenueNotFound, Reason, null));

    public ValueTask<VenueQuery> QueryAsync(OrderId id, CancellationToken ct = default) =>
        ValueTask.FromResult<VenueQuery>(new VenueQuery.Unknown(Reason));

    public ValueTask<IReadOnlyList<VenueOrderState>?> ListOpenOrdersAsync(CancellationToken ct = default) =>
        ValueTask.FromResult<IReadOnlyList<VenueOrderState>?>(null);
}
