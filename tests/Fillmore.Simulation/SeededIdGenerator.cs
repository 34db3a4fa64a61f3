// UUIDs (version 4, and 7 from the simulated clock) from a seeded random source, so a simulated run
// assigns the same ids every time.
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

    // RFC 9562 §5.7: 48 bits of Unix milliseconds, big-endian, then seeded random bits under the version and variant.
    public Guid NewUuidV7(DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++) bytes[i] = (byte)(ms >> (8 * (5 - i)));
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);   // version 7
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);   // RFC 9562 variant
        return new Guid(bytes, bigEndian: true);
    }
}
