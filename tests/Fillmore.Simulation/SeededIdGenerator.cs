// Version-4 UUIDs from a seeded random source, so a simulated run assigns the same ids every time.
namespace Fillmore.Simulation;

using Fillmore.Core.Orders;

public sealed class SeededIdGenerator(Random random) : IIdGenerator
{
    public Guid NewUuidV4()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);   // version 4 (Guid's little-endian layout)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 4122 variant
        return new Guid(bytes);
    }
}
