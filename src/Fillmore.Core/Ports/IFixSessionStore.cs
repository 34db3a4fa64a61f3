// The durable state of FIX sessions (docs/fix.md): each session's next sequence numbers, every
// application message it sent (for resends), and, per order, that it was ever sent over FIX and
// under which ClOrdID it is now known. An append returns only once the message is durable: the
// session writes a message to the socket only after that, so a crash can lose nothing it sent.
// Writes go through the store's single writer (group commit), reads beside it.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

public interface IFixSessionStore
{
    /// <summary>
    /// The session's stored state; a session never seen before is created at 1/1, numbered since
    /// <paramref name="now"/>.
    /// </summary>
    Task<FixSessionRecord> OpenFixSessionAsync(string sessionId, DateTimeOffset now, CancellationToken ct = default);

    /// <summary>
    /// Durably records one outbound message and advances the session's next outbound number past
    /// it. An application message keeps its body (for resends) and, when it concerns an order,
    /// links the order to the session (first send only; the link survives session resets).
    /// </summary>
    ValueTask AppendFixOutboundAsync(FixOutboundRecord message, CancellationToken ct = default);

    /// <summary>Records the next inbound sequence number expected.</summary>
    ValueTask SaveFixInboundAsync(string sessionId, long nextInbound, CancellationToken ct = default);

    /// <summary>
    /// Stored application messages with <paramref name="from"/> ≤ seq ≤ <paramref name="to"/>, in
    /// order, at most <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<FixOutboundRecord>> ReadFixOutboundAsync(string sessionId, long from, long to, int limit,
        CancellationToken ct = default);

    /// <summary>
    /// Starts the session's numbering again at 1/1 from <paramref name="sessionStart"/>; its stored
    /// messages are dropped (the orders' links are kept).
    /// </summary>
    ValueTask ResetFixSessionAsync(string sessionId, DateTimeOffset sessionStart, CancellationToken ct = default);

    /// <summary>
    /// What FIX knows of an order: null when no FIX session ever stored it (proof that it never
    /// reached a FIX venue).
    /// </summary>
    Task<FixOrderLink?> FindFixOrderAsync(OrderId id, CancellationToken ct = default);

    /// <summary>The venue acknowledged a replace: the order is known there as <paramref name="clOrdId"/>.</summary>
    ValueTask SaveFixClOrdIdAsync(OrderId id, string clOrdId, CancellationToken ct = default);
}
