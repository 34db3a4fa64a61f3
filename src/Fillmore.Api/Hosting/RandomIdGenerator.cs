// Production ids: the runtime's cryptographically random version-4 UUIDs.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Orders;

public sealed class RandomIdGenerator : IIdGenerator
{
    public Guid NewUuidV4() => Guid.NewGuid();
}
