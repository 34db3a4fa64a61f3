namespace Fillmore.Core.Tests;

using Fillmore.Core.Audit;
using Fillmore.Core.Orders;

public class AuditChainTests
{
    private static readonly AuditRecord Record = new(
        new OrderId(Guid.Parse("7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10")), new TraderId("alice"), AuditAction.Filled, OrderStatus.Filled,
        Symbol.Of("AAPL"), Side.Buy, 10, 190.10m, "SIM", new DateTimeOffset(2026, 11, 24, 14, 30, 0, TimeSpan.Zero), null, null, null,
        ExecutionPath.V2, Actor.System);

    [Fact]
    public void The_hash_is_sha256_of_the_previous_hash_and_the_documented_netstring_encoding()
    {
        // Written out by hand from the encoding documented in AuditChain and docs/audit.md.
        var canonical = "1:7,28:2026-11-24T14:30:00.0000000Z,36:7d9f5a52-0a57-4c1f-9f43-3c2f1c7b9a10,5:alice,6:FILLED,6:FILLED,"
            + "4:AAPL,3:BUY,2:10,5:190.1,3:SIM,~,~,~,2:V2,6:SYSTEM,";
        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(AuditChain.GenesisHash + canonical)));
        Assert.Equal(expected, AuditChain.ComputeHash(7, Record, AuditChain.GenesisHash));
    }

    [Fact]
    public void Any_change_to_the_entry_or_its_predecessor_changes_the_hash()
    {
        var original = AuditChain.ComputeHash(1, Record, AuditChain.GenesisHash);
        Assert.NotEqual(original, AuditChain.ComputeHash(2, Record, AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.ComputeHash(1, Record with { Quantity = 11 }, AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.ComputeHash(1, Record with { Price = 190.11m }, AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.ComputeHash(1, Record with { Reason = "" }, AuditChain.GenesisHash));
        Assert.NotEqual(original, AuditChain.ComputeHash(1, Record, new string('1', 64)));
        // Trailing zeros are not a change: 190.10 and 190.1 are the same price.
        Assert.Equal(original, AuditChain.ComputeHash(1, Record with { Price = 190.1000m }, AuditChain.GenesisHash));
    }

    // The timestamp's text is hashed and stored, so its form can never change: UTC, seven fraction
    // digits always, a Z, whatever the offset the time was taken in.
    [Theory]
    [InlineData(2026, 11, 24, 14, 30, 0, 0, 0, "2026-11-24T14:30:00.0000000Z")]
    [InlineData(2026, 11, 24, 9, 30, 0, 1234567, -300, "2026-11-24T14:30:00.1234567Z")]
    [InlineData(2026, 12, 31, 23, 59, 59, 9999999, 0, "2026-12-31T23:59:59.9999999Z")]
    [InlineData(2027, 1, 1, 1, 0, 0, 10, 120, "2026-12-31T23:00:00.0000010Z")]
    [InlineData(1, 1, 1, 0, 0, 0, 0, 0, "0001-01-01T00:00:00.0000000Z")]
    [InlineData(9999, 12, 31, 23, 59, 59, 9999999, 0, "9999-12-31T23:59:59.9999999Z")]
    public void A_timestamp_is_written_in_utc_with_seven_fraction_digits(
        int year, int month, int day, int hour, int minute, int second, long ticks, int offsetMinutes, string expected)
    {
        var time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromMinutes(offsetMinutes)).AddTicks(ticks);
        Assert.Equal(expected, AuditChain.FormatTimestamp(time));
    }
}
