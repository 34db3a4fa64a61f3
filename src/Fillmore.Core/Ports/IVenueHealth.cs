// What a venue can say about its own reachability, for health reporting (GET /api/v1/health,
// /health/ready). Optional: a venue that does not implement it counts as always reachable. Each
// kind knows it its own way: the paper exchange in process always answers; the exchange process
// answers if its last HTTP request got a response (its quote polls keep that fresh); a FIX venue
// answers while its session is logged on.
namespace Fillmore.Core.Ports;

public interface IVenueHealth
{
    VenueHealthReport Health { get; }
}
