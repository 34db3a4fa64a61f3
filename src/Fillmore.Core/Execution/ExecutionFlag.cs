// ORDER_EXECUTION_V2_ENABLED: off, on, or a percentage of traders. A trader's bucket is derived
// from a hash of the trader id, so the choice is sticky across requests, nodes and restarts, and
// raising the percentage only ever moves traders from legacy to v2. Off sends everyone back to
// the legacy path on the next order.
namespace Fillmore.Core.Execution;

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fillmore.Core.Orders;

public sealed record ExecutionFlag(int PercentOfTraders)
{
    public static readonly ExecutionFlag On = new(100);
    public static readonly ExecutionFlag Off = new(0);

    public ExecutionPath PathFor(TraderId trader) =>
        PercentOfTraders >= 100 ? ExecutionPath.V2
        : PercentOfTraders <= 0 ? ExecutionPath.Legacy
        : BucketOf(trader) < PercentOfTraders ? ExecutionPath.V2 : ExecutionPath.Legacy;

    /// <summary>0..99, stable for a trader id.</summary>
    public static int BucketOf(TraderId trader)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(trader.Value), hash);
        return (int)(BinaryPrimitives.ReadUInt32BigEndian(hash) % 100);
    }

    /// <summary>Accepts on/off/true/false/1/0/yes/no/enabled/disabled, or a percentage such as "25%".</summary>
    public static bool TryParse(string? text, out ExecutionFlag flag)
    {
        flag = On;
        var t = text?.Trim().ToLowerInvariant();
        switch (t)
        {
            case "on" or "true" or "1" or "yes" or "enabled": flag = On; return true;
            case "off" or "false" or "0" or "no" or "disabled": flag = Off; return true;
        }
        if (t is null || !t.EndsWith('%')) return false;
        if (!int.TryParse(t[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var pct) || pct > 100)
            return false;
        flag = new ExecutionFlag(pct);
        return true;
    }

    public override string ToString() => PercentOfTraders switch { 100 => "on", 0 => "off", var p => $"{p}%" };
}
