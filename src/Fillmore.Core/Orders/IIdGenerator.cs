// The only source of new ids in Core. Production uses the runtime's UUIDs; the simulation uses a
// seeded generator so that a run replays exactly.
namespace Fillmore.Core.Orders;

public interface IIdGenerator
{
    /// <summary>A new RFC 9562 version-4 UUID.</summary>
    Guid NewUuidV4();

    /// <summary>A new RFC 9562 version-7 UUID for <paramref name="at"/>: time-ordered, so rows keyed by it go in
    /// at the end of their index (a fill's id; orders keep version 4, the id the venue sees).</summary>
    Guid NewUuidV7(DateTimeOffset at);
}
