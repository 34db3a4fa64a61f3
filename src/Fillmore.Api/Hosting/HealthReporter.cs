// Tells the truth about this node (GET /api/v1/health, /health/ready), from what each dependency
// knows of itself: start-up recovery (StartupState), the store's writer (IStoreHealth: a failed
// last write, or one hanging longer than WriteStuckAfter, means it cannot write), every venue
// (IVenueHealth; one that says nothing counts as reachable) and Redis when configured. Ready =
// recovered, the store writes, and at least one venue answers; Redis is not needed for that (a
// node serves its own clients without it) and only makes the status "degraded".
namespace Fillmore.Api.Hosting;

using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Ports;
using Fillmore.Storage;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

// Every venue the node sends to is listed; the node is ready while at least one answers.
public sealed class HealthReporter(StartupState startup, IOrderStore store, Fillmore.Core.Execution.VenueSet venues,
    IServiceProvider services, TimeProvider time, IOptions<HealthOptions> options, IOptions<StoreOptions> storeOptions)
{
    public HealthVerdict Check()
    {
        var now = time.GetUtcNow();
        var storeReport = Store(now);
        IReadOnlyList<VenueHealthResponse> venueReports = venues.All.Select(Venue).ToList();
        var redis = services.GetService<IConnectionMultiplexer>() is { } multiplexer
            ? new RedisHealthResponse(multiplexer.IsConnected) : null;
        var problems = new List<ProblemError>();
        if (!startup.Ready)
            problems.Add(Problem(ReasonCodes.NotReady,
                "Start-up recovery is still reconciling open orders with the venue.", "Retry in a moment."));
        if (!storeReport.Writable)
            problems.Add(Problem(ReasonCodes.StoreUnwritable, storeReport.WritingSince is { } since
                    ? $"A write to the store has been waiting since {since:O}."
                    : $"The store's last write failed (at {storeReport.LastFailureAt:O}); nothing can be accepted.",
                "Look at the store (free space, permissions, the database server); ready again once a write "
                    + "succeeds."));
        if (!venueReports.Any(v => v.Reachable))
            problems.Add(Problem(ReasonCodes.NoVenueReachable,
                "No venue answers: " + string.Join(" ", venueReports.Select(v => v.Detail ?? $"{v.Name} is down.")),
                "Look at the venue (the exchange process, the FIX session); ready again once one answers."));
        var status = !startup.Ready ? "starting" : problems.Count > 0 ? "down"
            : redis is { Connected: false } || venueReports.Any(v => !v.Reachable || !v.Connected) ? "degraded" : "ok";
        return new HealthVerdict(new HealthResponse(status, now.UtcDateTime)
        {
            Ready = problems.Count == 0, Store = storeReport, Venues = venueReports, Redis = redis,
        }, problems);
    }

    private StoreHealthResponse Store(DateTimeOffset now)
    {
        var facts = (store as IStoreHealth)?.Health ?? StoreHealthReport.Unknown;
        var hanging = facts.WritingSince is { } since && now - since >= options.Value.WriteStuckAfter;
        return new StoreHealthResponse(storeOptions.Value.Provider.ToLowerInvariant(),
            !facts.LastWriteFailed && !hanging, facts.LastCommitAt?.UtcDateTime,
            facts.LastCommitLatency?.TotalMilliseconds, facts.LastFailureAt?.UtcDateTime,
            facts.WritingSince?.UtcDateTime);
    }

    private static VenueHealthResponse Venue(IVenue venue)
    {
        var facts = (venue as IVenueHealth)?.Health ?? VenueHealthReport.AlwaysUp;
        return new VenueHealthResponse(venue.Name, facts.Kind, facts.Reachable, facts.Connected,
            facts.LastReportAt?.UtcDateTime, facts.LastContactAt?.UtcDateTime, facts.Detail);
    }

    private static ProblemError Problem(string code, string message, string suggestion) =>
        new(null, code, message, suggestion, null);
}
