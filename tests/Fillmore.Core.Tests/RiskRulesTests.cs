// One [Theory] row per case for each pre-trade rule: pass, fail and the boundary. The market is
// the real simulated venue with its quotes pinned (mid 100.00 for AAPL: bid 99.99, ask 100.01).
namespace Fillmore.Core.Tests;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Risk;
using Fillmore.Venues.Simulated;
using Microsoft.Extensions.Time.Testing;

public class RiskRulesTests
{
    private static readonly RiskLimits Limits = new(MaxPositionShares: 1_000, MaxPositionNotional: 60_000m, MaxOrderNotional: 20_000m,
        MaxOpenOrders: 3, DailyLossLimit: 1_000m, ShortSellingEnabled: false);

    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
    private static readonly SimulatedVenue Market = PinnedMarket();

    private static SimulatedVenue PinnedMarket()
    {
        var venue = new SimulatedVenue(new SimulatedVenueOptions { Seed = 1 }, Time);
        venue.SetPrice(Symbol.Of("AAPL"), 100.00m);
        return venue;
    }

    /// <summary>A context for "side qty AAPL type @price" against a ledger built from the arguments.</summary>
    internal static PreTradeContext Context(string side, long qty, decimal? limit = null, decimal? stop = null, decimal cash = 100_000m,
        long held = 0, decimal avg = 100m, decimal realised = 0m, RiskLimits? limits = null, Order[]? open = null, bool halted = false)
    {
        var type = (limit, stop) switch { (null, null) => OrderType.Market, (not null, null) => OrderType.Limit, (null, not null) => OrderType.Stop, _ => OrderType.StopLimit };
        var spec = new OrderSpec(Symbol.Of("AAPL"), Enum.Parse<Side>(side), qty, type, limit, stop, TimeInForce.Day, null, null);
        var trader = new TraderId("alice");
        var account = new Account(trader, cash, limits ?? Limits, halted, 1);
        var day = new DateOnly(2026, 11, 24);
        var ledger = new Ledger(account, held == 0 ? [] : [new Position(Symbol.Of("AAPL"), held, avg)], day, realised, open ?? []);
        var pipeline = new PreTradePipeline(Market, new TradingControls(), new RiskOptions(), TradingCalendar.NewYork, Time);
        return pipeline.ContextFor(trader, spec, ledger);
    }

    internal static Order Open(string side, long qty, decimal? reservePrice) =>
        OrderTests.NewOrder(qty, OrderStatus.Pending) with
        {
            Id = new OrderId(Guid.NewGuid()),
            Spec = OrderTests.NewOrder().Spec with { Side = Enum.Parse<Side>(side), Quantity = qty },
            ReservePrice = reservePrice,
        };

    private static string? Code(IPreTradeRule rule, PreTradeContext c) => rule.Check(c)?.Code;

    public static TheoryData<string, PreTradeContext, string?> BuyingPower() => new()
    {
        { "exactly affordable", Context("Buy", 100, limit: 100m, cash: 10_000m), null },
        { "one share too many", Context("Buy", 101, limit: 100m, cash: 10_000m), "INSUFFICIENT_FUNDS" },
        { "open buys hold cash", Context("Buy", 51, limit: 100m, cash: 10_000m, open: [Open("Buy", 50, 100m)]), "INSUFFICIENT_FUNDS" },
        { "open buys hold only what they reserve", Context("Buy", 50, limit: 100m, cash: 10_000m, open: [Open("Buy", 50, 100m)]), null },
        { "market buys reserve ask plus 5%", Context("Buy", 95, cash: 10_000m), null },
        { "market buy over the buffer", Context("Buy", 96, cash: 10_000m), "INSUFFICIENT_FUNDS" },
        { "sells need no cash", Context("Sell", 10, limit: 100m, cash: 0m, held: 10), null },
    };

    [Theory]
    [MemberData(nameof(BuyingPower))]
    public void Buying_power(string _, PreTradeContext c, string? expected) => Assert.Equal(expected, Code(new BuyingPowerRule(), c));

    [Fact]
    public void Insufficient_funds_says_how_much_and_how_to_fix_it()
    {
        var v = new BuyingPowerRule().Check(Context("Buy", 50, limit: 100m, cash: 3_200m))!;
        Assert.Equal("Insufficient funds for $5,000.00 order; available: $3,200.00.", v.Message);
        Assert.Equal("Reduce the quantity to 32 shares or add $1,800.00.", v.Suggestion);
        Assert.Equal((5_000m, 3_200m), ((decimal)v.Details!["required"]!, (decimal)v.Details["available"]!));
        var reserved = new BuyingPowerRule().Check(Context("Buy", 40, limit: 100m, cash: 5_700m, open: [Open("Buy", 25, 100m)]))!;
        Assert.Equal("Insufficient funds for $4,000.00 order; available: $3,200.00.", reserved.Message);
    }

    public static TheoryData<string, PreTradeContext, string?> PriceBand() => new()
    {
        { "at the upper edge", Context("Buy", 1, limit: 110m), null },
        { "just above", Context("Buy", 1, limit: 110.01m), "PRICE_OUT_OF_BAND" },
        { "at the lower edge", Context("Sell", 1, limit: 90m, held: 1), null },
        { "just below", Context("Sell", 1, limit: 89.99m, held: 1), "PRICE_OUT_OF_BAND" },
        { "a fat-fingered stop", Context("Buy", 1, stop: 1000m), "PRICE_OUT_OF_BAND" },
        { "market orders have no price to judge", Context("Buy", 1), null },
    };

    [Theory]
    [MemberData(nameof(PriceBand))]
    public void Price_band(string _, PreTradeContext c, string? expected) => Assert.Equal(expected, Code(new PriceBandRule(), c));

    public static TheoryData<string, PreTradeContext, string?> Positions() => new()
    {
        { "up to the share limit", Context("Buy", 100, limit: 50m, held: 900, limits: Limits with { MaxPositionNotional = 1e9m }), null },
        { "past the share limit", Context("Buy", 101, limit: 50m, held: 900, limits: Limits with { MaxPositionNotional = 1e9m }), "POSITION_LIMIT_EXCEEDED" },
        { "open buys count", Context("Buy", 51, limit: 50m, held: 900, open: [Open("Buy", 50, 50m)], limits: Limits with { MaxPositionNotional = 1e9m }), "POSITION_LIMIT_EXCEEDED" },
        { "up to the notional limit", Context("Buy", 600, limit: 100m), null },
        { "past the notional limit", Context("Buy", 601, limit: 100m), "POSITION_NOTIONAL_LIMIT_EXCEEDED" },
        { "sell what is held", Context("Sell", 5, limit: 100m, held: 10, open: [Open("Sell", 5, null)]), null },
        { "sell more than is free", Context("Sell", 6, limit: 100m, held: 10, open: [Open("Sell", 5, null)]), "INSUFFICIENT_POSITION" },
        { "sell with nothing held", Context("Sell", 1, limit: 100m), "INSUFFICIENT_POSITION" },
        { "short selling allowed", Context("Sell", 20, limit: 100m, held: 5, limits: Limits with { ShortSellingEnabled = true }), null },
        { "short past the share limit", Context("Sell", 1_006, limit: 1m, held: 5, limits: Limits with { ShortSellingEnabled = true }), "POSITION_LIMIT_EXCEEDED" },
        { "reducing a too-large position is fine", Context("Sell", 10, limit: 100m, held: 2_000), null },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Position_limits(string _, PreTradeContext c, string? expected) => Assert.Equal(expected, Code(new PositionLimitRule(), c));

    public static TheoryData<string, PreTradeContext, string?> DailyLoss() => new()
    {
        { "loss below the limit", Context("Buy", 1, limit: 100m, realised: -999.99m), null },
        { "loss at the limit refuses new exposure", Context("Buy", 1, limit: 100m, realised: -1_000m), "DAILY_LOSS_LIMIT_REACHED" },
        { "reducing a long is allowed", Context("Sell", 5, limit: 100m, held: 10, realised: -5_000m), null },
        { "closing a long is allowed", Context("Sell", 10, limit: 100m, held: 10, realised: -5_000m), null },
        { "flipping a long to short is not", Context("Sell", 15, limit: 100m, held: 10, realised: -5_000m, limits: Limits with { ShortSellingEnabled = true }), "DAILY_LOSS_LIMIT_REACHED" },
        { "unrealised loss counts (100 @ 110 marked at 100)", Context("Buy", 1, limit: 100m, held: 100, avg: 110m), "DAILY_LOSS_LIMIT_REACHED" },
        { "unrealised gain offsets realised loss", Context("Buy", 1, limit: 100m, held: 100, avg: 90m, realised: -1_500m), null },
    };

    [Theory]
    [MemberData(nameof(DailyLoss))]
    public void Daily_loss_limit(string _, PreTradeContext c, string? expected) => Assert.Equal(expected, Code(new DailyLossLimitRule(), c));

    public static TheoryData<string, PreTradeContext, string?> OrderSize() => new()
    {
        { "at the order notional limit", Context("Buy", 200, limit: 100m), null },
        { "over it", Context("Buy", 201, limit: 100m), "ORDER_NOTIONAL_LIMIT_EXCEEDED" },
        { "market sells use the bid", Context("Sell", 201, held: 500), "ORDER_NOTIONAL_LIMIT_EXCEEDED" },
    };

    [Theory]
    [MemberData(nameof(OrderSize))]
    public void Order_notional(string _, PreTradeContext c, string? expected) => Assert.Equal(expected, Code(new OrderNotionalRule(), c));

    public static TheoryData<string, PreTradeContext, string?> OpenOrders() => new()
    {
        { "below the limit", Context("Buy", 1, limit: 100m, open: [Open("Buy", 1, 100m), Open("Buy", 1, 100m)]), null },
        { "at the limit", Context("Buy", 1, limit: 100m, open: [Open("Buy", 1, 100m), Open("Buy", 1, 100m), Open("Buy", 1, 100m)]), "MAX_OPEN_ORDERS_REACHED" },
    };

    [Theory]
    [MemberData(nameof(OpenOrders))]
    public void Open_orders(string _, PreTradeContext c, string? expected) => Assert.Equal(expected, Code(new OpenOrdersRule(), c));

    [Theory]
    [InlineData("Buy", 95.0, 110.0, null)]
    [InlineData("Buy", 100.01, null, "STOP_LOSS_WRONG_SIDE")]
    [InlineData("Buy", null, 100.01, "TAKE_PROFIT_WRONG_SIDE")]
    [InlineData("Sell", 105.0, 90.0, null)]
    [InlineData("Sell", 99.99, null, "STOP_LOSS_WRONG_SIDE")]
    public void A_market_orders_bracket_is_judged_against_the_quote(string side, double? stopLoss, double? takeProfit, string? expected)
    {
        var c = Context(side, 1, held: 10);
        c = c with { Order = c.Order with { StopLoss = (decimal?)stopLoss, TakeProfit = (decimal?)takeProfit } };
        Assert.Equal(expected, new BracketRule().Check(c)?.Code);
    }

    [Fact]
    public void Trading_state_account_instrument_and_quote()
    {
        var ok = Context("Buy", 1, limit: 100m);
        Assert.Null(new TradingStateRule().Check(ok));
        var halted = new TradingControls();
        halted.Set("exchange outage");
        Assert.Equal("TRADING_HALTED", new TradingStateRule().Check(ok with { Controls = halted })!.Code);
        Assert.Equal("ACCOUNT_HALTED", new TradingStateRule().Check(Context("Buy", 1, limit: 100m, halted: true))!.Code);

        Assert.Null(new AccountRule().Check(ok));
        var missing = new Ledger(Account.Unfunded(new TraderId("zed")), [], ok.TradingDay, 0m, []);
        Assert.Equal("ACCOUNT_NOT_FOUND", new AccountRule().Check(ok with { Ledger = missing })!.Code);
        var unlimited = new Ledger(new Account(new TraderId("zed"), 1m, null, false, 1), [], ok.TradingDay, 0m, []);
        Assert.Equal("LIMITS_NOT_CONFIGURED", new AccountRule().Check(ok with { Ledger = unlimited })!.Code);

        Assert.Null(new InstrumentRule().Check(ok));
        foreach (var (symbol, code) in new[] { ("ZZZZ", "UNKNOWN_SYMBOL"), ("HALT", "SYMBOL_HALTED"), ("LEHM", "SYMBOL_NOT_TRADABLE") })
            Assert.Equal(code, new InstrumentRule().Check(ok with { Order = ok.Order with { Symbol = Symbol.Of(symbol) } })!.Code);

        Assert.Null(new QuoteAvailableRule().Check(ok));
        Assert.Equal("NO_QUOTE_AVAILABLE", new QuoteAvailableRule().Check(ok with { Quote = null })!.Code);
    }

    [Fact]
    public void The_pipeline_stops_at_a_missing_prerequisite_and_otherwise_lists_every_refusal()
    {
        var pipeline = new PreTradePipeline(Market, new TradingControls(), new RiskOptions(), TradingCalendar.NewYork, Time);
        var unknown = Context("Buy", 10_000, limit: 100m);
        Assert.Equal(["UNKNOWN_SYMBOL"], pipeline.Evaluate(unknown with { Order = unknown.Order with { Symbol = Symbol.Of("ZZZZ") } }).Select(v => v.Code));
        var many = Context("Buy", 2_000, limit: 120m, cash: 1_000m);
        Assert.Equal(["PRICE_OUT_OF_BAND", "INSUFFICIENT_FUNDS", "POSITION_LIMIT_EXCEEDED", "ORDER_NOTIONAL_LIMIT_EXCEEDED"],
            pipeline.Evaluate(many).Select(v => v.Code));
        Assert.Empty(pipeline.Evaluate(Context("Buy", 10, limit: 100m)));
    }
}
