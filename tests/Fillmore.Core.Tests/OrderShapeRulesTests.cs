namespace Fillmore.Core.Tests;

using Fillmore.Core.Orders;
using Fillmore.Core.Risk;

public class OrderShapeRulesTests
{
    private static OrderDraft Draft(string? symbol = "AAPL", string? side = "BUY", decimal? quantity = 10, string? type = "MARKET",
        decimal? price = null, decimal? stop = null, string? tif = null, decimal? stopLoss = null, decimal? takeProfit = null, string? clientId = null) =>
        new(symbol, side, quantity, type, price, stop, tif, stopLoss, takeProfit, clientId);

    public static TheoryData<OrderDraft, string[]> Cases() => new()
    {
        { Draft(), [] },
        { Draft(symbol: "aapl"), [] },
        { Draft(symbol: "BRK.B"), [] },
        { Draft(symbol: null), ["SYMBOL_REQUIRED"] },
        { Draft(symbol: "WAYTOOLONGSYM"), ["SYMBOL_INVALID"] },
        { Draft(symbol: "AA PL"), ["SYMBOL_INVALID"] },
        { Draft(side: null), ["SIDE_REQUIRED"] },
        { Draft(side: "HOLD"), ["SIDE_INVALID"] },
        { Draft(side: "sell"), [] },
        { Draft(quantity: null), ["QUANTITY_REQUIRED"] },
        { Draft(quantity: 0), ["QUANTITY_NOT_POSITIVE"] },
        { Draft(quantity: -5), ["QUANTITY_NOT_POSITIVE"] },
        { Draft(quantity: 1), [] },
        { Draft(quantity: 2.5m), ["QUANTITY_NOT_WHOLE"] },
        { Draft(quantity: 10.0m), [] },
        { Draft(type: "ICEBERG"), ["ORDER_TYPE_INVALID"] },
        { Draft(type: null), ["ORDER_TYPE_REQUIRED"] },
        { Draft(type: "LIMIT"), ["PRICE_REQUIRED"] },
        { Draft(type: "LIMIT", price: 150), [] },
        { Draft(type: "LIMIT", price: 0), ["PRICE_NOT_POSITIVE"] },
        { Draft(type: "MARKET", price: 150), ["PRICE_NOT_ALLOWED"] },
        { Draft(type: "STOP"), ["STOP_PRICE_REQUIRED"] },
        { Draft(type: "STOP", stop: 180, price: 181), ["PRICE_NOT_ALLOWED"] },
        { Draft(type: "STOP", stop: 180), [] },
        { Draft(type: "STOP_LIMIT", stop: 180), ["PRICE_REQUIRED"] },
        { Draft(type: "STOP_LIMIT", stop: 180, price: 181), [] },
        { Draft(type: "stop_limit", stop: 180, price: 181), [] },
        { Draft(type: "LIMIT", price: 150, stop: 149), ["STOP_PRICE_NOT_ALLOWED"] },
        { Draft(tif: "GTC"), [] },
        { Draft(tif: "FOREVER"), ["TIME_IN_FORCE_INVALID"] },
        { Draft(type: "LIMIT", price: 150, stopLoss: 140, takeProfit: 160), [] },
        { Draft(type: "LIMIT", price: 150, stopLoss: 150), ["STOP_LOSS_WRONG_SIDE"] },
        { Draft(type: "LIMIT", price: 150, takeProfit: 150), ["TAKE_PROFIT_WRONG_SIDE"] },
        { Draft(side: "SELL", type: "LIMIT", price: 150, stopLoss: 160, takeProfit: 140), [] },
        { Draft(side: "SELL", type: "LIMIT", price: 150, stopLoss: 140, takeProfit: 160), ["STOP_LOSS_WRONG_SIDE", "TAKE_PROFIT_WRONG_SIDE"] },
        { Draft(stopLoss: -1), ["STOP_LOSS_NOT_POSITIVE"] },
        { Draft(clientId: new string('x', 48)), [] },
        { Draft(clientId: new string('x', 49)), ["CLIENT_ORDER_ID_INVALID"] },
        { Draft(clientId: ""), ["CLIENT_ORDER_ID_INVALID"] },
        { Draft(symbol: null, side: null, quantity: null, type: null), ["SYMBOL_REQUIRED", "SIDE_REQUIRED", "QUANTITY_REQUIRED", "ORDER_TYPE_REQUIRED"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_every_problem_at_once(OrderDraft draft, string[] expectedCodes)
    {
        var errors = OrderShapeRules.Validate(draft, out var spec);
        Assert.Equal(expectedCodes, errors.Select(e => e.Code).ToArray());
        Assert.Equal(expectedCodes.Length == 0, spec is not null);
        Assert.All(errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Suggestion)));
    }

    [Fact]
    public void A_valid_draft_becomes_a_normalised_spec()
    {
        OrderShapeRules.Validate(Draft(symbol: " msft ", side: "sell", type: "limit", price: 400.5m, tif: "gtc"), out var spec);
        Assert.Equal(new OrderSpec(Symbol.Of("MSFT"), Side.Sell, 10, OrderType.Limit, 400.5m, null, TimeInForce.Gtc, null, null), spec);
    }
}
