// A read of the recorded fills for execution reports: fills whose venue timestamp is in
// [From, To), of one trader or all, in time order (ties in recording order), keyset-paged after
// the last record seen so a report of any size streams in pages.
namespace Fillmore.Core.Ports;

using Fillmore.Core.Orders;

/// <param name="Trader">null: every trader (compliance).</param>
/// <param name="After">The last record of the previous page; null for the first page.</param>
public sealed record ExecutionQuery(TraderId? Trader, DateTimeOffset From, DateTimeOffset To, ExecutionRecord? After,
    int Limit);
