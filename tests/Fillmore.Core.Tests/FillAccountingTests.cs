namespace Fillmore.Core.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;

public class FillAccountingTests
{
    // held, avg, side, qty, price, commission => cash delta, quantity after, average after, realised
    [Theory]
    [InlineData(0, 0, "Buy", 10, 100, 1, -1001, 10, 100, -1)]
    [InlineData(10, 100, "Buy", 10, 110, 1, -1101, 20, 105, -1)]
    [InlineData(10, 100, "Sell", 4, 110, 1, 439, 6, 100, 39)]
    [InlineData(10, 100, "Sell", 10, 90, 1, 899, 0, 0, -101)]
    [InlineData(10, 100, "Sell", 15, 110, 1, 1649, -5, 110, 99)]
    [InlineData(-10, 100, "Buy", 4, 90, 1, -361, -6, 100, 39)]
    [InlineData(-10, 100, "Sell", 10, 90, 0, 900, -20, 95, 0)]
    [InlineData(-10, 100, "Buy", 12, 95, 0, -1140, 2, 95, 50)]
    public void A_fill_moves_cash_position_and_realised_pnl(long held, decimal avg, string side, long qty, decimal price, decimal commission,
        decimal cash, long after, decimal avgAfter, decimal realised)
    {
        var effect = FillAccounting.Apply(new Position(Symbol.Of("AAPL"), held, avg), Enum.Parse<Side>(side), qty, price, commission);
        Assert.Equal((cash, after, avgAfter, realised), (effect.CashDelta, effect.Position.Quantity, effect.Position.AverageCost, effect.RealisedDelta));
    }

    [Fact]
    public void The_trading_day_is_the_new_york_date()
    {
        var calendar = TradingCalendar.NewYork;
        Assert.Equal(new DateOnly(2026, 11, 24), calendar.DayOf(new DateTimeOffset(2026, 11, 25, 3, 30, 0, TimeSpan.Zero)));   // 22:30 EST
        Assert.Equal(new DateOnly(2026, 11, 25), calendar.DayOf(new DateTimeOffset(2026, 11, 25, 5, 0, 0, TimeSpan.Zero)));    // 00:00 EST
        Assert.Equal(new DateOnly(2026, 7, 1), calendar.DayOf(new DateTimeOffset(2026, 7, 2, 3, 59, 0, TimeSpan.Zero)));       // 23:59 EDT
    }
}
