// The body of POST /api/v1/orders (docs/api.md "Submit"). Null fields are left out. The factories
// cover the common shapes; `with` adds the rest:
//   OrderRequest.Limit("AAPL", Side.Buy, 10, 189m) with { StopLoss = 180m, TakeProfit = 200m }
// ClientOrderId: leave it null and FillmoreClient.SubmitOrderAsync generates one, used for every
// retry of that call; set it yourself to make a submit idempotent across restarts of your bot.
namespace Fillmore.Client;

public sealed record OrderRequest
{
    public required string Symbol { get; init; }
    public required Side Side { get; init; }
    public required long Quantity { get; init; }
    /// <summary>Required except for an OCO, whose first leg is a LIMIT at its take-profit.</summary>
    public OrderType? OrderType { get; init; }
    /// <summary>The limit price (LIMIT, STOP_LIMIT).</summary>
    public decimal? Price { get; init; }
    /// <summary>The stop price (STOP, STOP_LIMIT).</summary>
    public decimal? StopPrice { get; init; }
    /// <summary>Default DAY. A bracket, OTO or OCO takes DAY, GTC or GTD.</summary>
    public TimeInForce? TimeInForce { get; init; }
    /// <summary>With GTD: when the order expires.</summary>
    public DateTimeOffset? ExpireAt { get; init; }
    public decimal? StopLoss { get; init; }
    public decimal? TakeProfit { get; init; }
    /// <summary>Makes the stop-loss a STOP_LIMIT with this limit.</summary>
    public decimal? StopLossLimitPrice { get; init; }
    /// <summary>TRAILING_STOP: the trail as an amount (one of TrailPrice, TrailPercent).</summary>
    public decimal? TrailPrice { get; init; }
    public decimal? TrailPercent { get; init; }
    /// <summary>Left out: BRACKET with both exits, OTO with one, SIMPLE with none.</summary>
    public OrderClass? OrderClass { get; init; }
    /// <summary>The worst price accepted, in basis points from the arrival price (MARKET, STOP,
    /// TRAILING_STOP).</summary>
    public decimal? MaxSlippageBps { get; init; }
    /// <summary>How long the order may wait to fill before what is left is cancelled (TIMEOUT).</summary>
    public int? MaxWaitSeconds { get; init; }
    /// <summary>A venue's name (ListVenuesAsync) or "SMART" (Fillmore chooses by effective price after fees and by
    /// health; GetRoutingAsync says why); left out: the service's default venue.</summary>
    public string? Venue { get; init; }
    /// <summary>Your name for the order (1 to 48 printable characters), unique for ever per trader.</summary>
    public string? ClientOrderId { get; init; }

    public static OrderRequest Market(string symbol, Side side, long quantity) =>
        new() { Symbol = symbol, Side = side, Quantity = quantity, OrderType = Client.OrderType.Market };

    public static OrderRequest Limit(string symbol, Side side, long quantity, decimal price) =>
        new() { Symbol = symbol, Side = side, Quantity = quantity, OrderType = Client.OrderType.Limit, Price = price };

    public static OrderRequest Stop(string symbol, Side side, long quantity, decimal stopPrice) =>
        new()
        {
            Symbol = symbol, Side = side, Quantity = quantity, OrderType = Client.OrderType.Stop, StopPrice = stopPrice,
        };

    public static OrderRequest StopLimit(string symbol, Side side, long quantity, decimal stopPrice, decimal price) =>
        new()
        {
            Symbol = symbol, Side = side, Quantity = quantity, OrderType = Client.OrderType.StopLimit,
            StopPrice = stopPrice, Price = price,
        };

    /// <summary>A trailing stop that trails the best price by an amount.</summary>
    public static OrderRequest TrailingStop(string symbol, Side side, long quantity, decimal trailPrice) =>
        new()
        {
            Symbol = symbol, Side = side, Quantity = quantity, OrderType = Client.OrderType.TrailingStop,
            TrailPrice = trailPrice, TimeInForce = Client.TimeInForce.Gtc,
        };

    /// <summary>A LIMIT entry protected by a stop-loss and a take-profit (GTC).</summary>
    public static OrderRequest Bracket(string symbol, Side side, long quantity, decimal price, decimal stopLoss,
        decimal takeProfit) => Limit(symbol, side, quantity, price) with
    {
        StopLoss = stopLoss, TakeProfit = takeProfit, TimeInForce = Client.TimeInForce.Gtc,
    };

    /// <summary>Two exits for a position you hold: a take-profit LIMIT and a stop-loss; one cancels the
    /// other.</summary>
    public static OrderRequest Oco(string symbol, Side side, long quantity, decimal takeProfit, decimal stopLoss) =>
        new()
        {
            Symbol = symbol, Side = side, Quantity = quantity, OrderClass = Client.OrderClass.Oco,
            TakeProfit = takeProfit, StopLoss = stopLoss, TimeInForce = Client.TimeInForce.Gtc,
        };
}
