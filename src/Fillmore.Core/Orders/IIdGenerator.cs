// The only source of new ids in Core. Production uses the runtime's random UUIDs; the simulation
// uses a seeded generator so that a run replays exactly.
namespace Fillmore.Core.Orders;

public interface IIdGenerator
{
    /// <summary>A new RFC 9562 version-4 UUID.</summary>
    Guid NewUuidV4();
}
