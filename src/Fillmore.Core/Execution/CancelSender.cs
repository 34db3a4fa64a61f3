// Sends a cancel to the venue and records its answer (CancelDecider.VenueAnswer). A confirmed
// cancel changes nothing yet: the venue's Cancelled report does, on the report stream. A refused
// cancel is only believed once the venue says the order still works there: a refusal usually
// means "too late" (filled, or cancelled by another cancel a moment ago, or expired), and the
// venue's own view, adopted by the reconciler (Settle), then ends the order as it really ended.
// Reverting a pending cancel on the refusal alone would lose why it was asked (an expiry, an
// exit's sibling) and race the report that ends it. A Fatal answer halts the venue, as a send's does.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Execution.Decisions;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

internal sealed class CancelSender(VenueSet venues, OrderMutator mutator, ISendGuard? guard, TimeProvider time)
{
    /// <summary>Adopts the venue's view of an order that no longer works there (set by the coordinator).</summary>
    public Func<OrderId, VenueOrderState, CancellationToken, Task>? Settle { get; set; }

    public async Task SendAsync(OrderId id, CancellationToken ct)
    {
        // An order SMART split is at no venue: its children are cancelled instead.
        if (await mutator.ReadAsync(id, ct).ConfigureAwait(false) is not { IsRoutedParent: false } order) return;
        var venue = venues.For(order);
        var outcome = await venue.CancelAsync(id, ct).ConfigureAwait(false);
        if (outcome is VenueOutcome.Confirmed) return;
        if (outcome is VenueOutcome.Fatal fatal && guard is not null)
            await guard.VenueFailedAsync(venue.Name, fatal, ct).ConfigureAwait(false);
        if (outcome is VenueOutcome.Rejected && Settle is { } settle
            && await venue.QueryAsync(id, ct).ConfigureAwait(false)
                is VenueQuery.Found { State.Status: not VenueOrderStatus.Working } ended)
        {
            await settle(id, ended.State, ct).ConfigureAwait(false);
            return;
        }
        await mutator.MutateAsync(id, order => CancelDecider.VenueAnswer(order, outcome, time.GetUtcNow()), ct)
            .ConfigureAwait(false);
    }
}
