// Production ids: the runtime's cryptographically random version-4 UUIDs, and its version-7 ones.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Orders;

public sealed class RandomIdGenerator : IIdGenerator
{
    public Guid NewUuidV4() => Guid.NewGuid();

    public Guid NewUuidV7(DateTimeOffset at) => Guid.CreateVersion7(at);
}
