// What the sender asks before anything goes to the venue, and tells when the venue broke: the
// switches (the global halt, the trader's halt, the venue's halt) stop every send, not only new
// orders; a Fatal answer halts the venue. ControlService is the implementation.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public interface ISendGuard
{
    /// <summary>Why <paramref name="order"/> must not be sent now (a halt in force), or null.</summary>
    ValueTask<RuleViolation?> RefusalAsync(Order order, CancellationToken ct = default);

    /// <summary>The venue answered Fatal (credentials, protocol breakage): halt it.</summary>
    Task VenueFailedAsync(string venue, VenueOutcome.Fatal fatal, CancellationToken ct = default);
}
