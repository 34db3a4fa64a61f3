// Which partition of the audit trail an entry belongs to: a stable hash of its trader id into P
// partitions, the same in every process, language and release (docs/audit.md has it in Python):
//   partition = big-endian uint32 of the first 4 bytes of SHA-256(UTF-8 trader_id) mod P
// A control entry goes by its trader_id like any other ("*" for everyone). P is fixed when a
// store is first used (audit_heads), because moving a trader to another partition would split
// its history across two chains.
namespace Fillmore.Core.Audit;

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Fillmore.Core.Orders;

public static class AuditPartitioner
{
    /// <summary>Enough partitions that writers on different nodes rarely wait for the same one, few enough that a
    /// checkpoint lists every head and a verifier walks every chain without noticing.</summary>
    public const int DefaultPartitions = 16;

    /// <summary>The largest partition count a store accepts (a checkpoint lists every non-empty head).</summary>
    public const int MaxPartitions = 4096;

    public static int Of(TraderId trader, int partitions) => Of(trader.Value, partitions);

    public static int Of(string trader, int partitions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(trader), hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % (uint)partitions);
    }
}
