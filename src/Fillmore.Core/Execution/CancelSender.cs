// Sends a cancel to the venue and records its answer (CancelDecider.VenueAnswer). A confirmed
// cancel changes nothing yet: the venue's Cancelled report does, on the report stream.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class CancelSender(IVenue venue, OrderMutator mutator, TimeProvider time)
{
    public async Task SendAsync(OrderId id, CancellationToken ct)
    {
        var outcome = await venue.CancelAsync(id, ct).ConfigureAwait(false);
        if (outcome is VenueOutcome.Confirmed) return;
        await mutator.MutateAsync(id, order => CancelDecider.VenueAnswer(order, outcome, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
    }
}
