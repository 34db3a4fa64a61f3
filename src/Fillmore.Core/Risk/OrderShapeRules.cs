// Shape validation (HTTP 400): is this a well-formed order at all? Runs on both execution paths
// and reports every field problem at once. It needs no state (no quotes, no account): those
// checks are the pre-trade risk rules (422).
namespace Fillmore.Core.Risk;

using Fillmore.Core.Orders;

public static class OrderShapeRules
{
    public const int ClientOrderIdMaxLength = 48;

    /// <summary>The largest price of any kind Fillmore takes. Far above any share's price, and small enough that
    /// every amount computed from it (with the largest quantity, QUANTITY_TOO_LARGE's bound) fits a decimal: a price
    /// of 7.9e28 overflowed the notional arithmetic into a 500.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <param name="tickSizeOf">The instrument's tick size, when it is known; prices must be whole ticks.</param>
    /// <param name="now">When the order arrives: a GTD order's expire_at must be later.</param>
    public static IReadOnlyList<RuleViolation> Validate(OrderDraft d, out OrderSpec? spec,
        Func<Symbol, decimal?>? tickSizeOf = null, DateTimeOffset? now = null)
    {
        var errors = new List<RuleViolation>();
        spec = null;
        var symbolOk = CheckSymbol(d.Symbol, errors, out var symbol);
        var sideOk = CheckEnum<Side>(d.Side, "side", "BUY or SELL", errors, out var side);
        var quantityOk = CheckQuantity(d.Quantity, errors, out var quantity);
        var cls = OrderClassRules.ClassOf(d, errors);
        // An OCO's first leg is a LIMIT at take_profit: order_type may be left out.
        var type = OrderType.Limit;
        var typeOk = (cls == OrderClass.Oco && d.OrderType is null)
            || CheckEnum(d.OrderType, "order_type", "MARKET, LIMIT, STOP, STOP_LIMIT or TRAILING_STOP", errors,
                out type);
        var tif = TimeInForce.Day;
        var tifOk = d.TimeInForce is null
            || CheckEnum(d.TimeInForce, "time_in_force", "DAY, GTC, IOC, FOK or GTD", errors, out tif);
        CheckClientOrderId(d.ClientOrderId, errors);
        if (typeOk && cls == OrderClass.Oco) CheckOcoType(d, type, errors);
        else if (typeOk) CheckPrices(d, type, errors);
        if (typeOk) OrderClassRules.CheckTrail(d, type, errors);
        CheckPositive(d.StopLoss, "stop_loss", errors);
        CheckPositive(d.TakeProfit, "take_profit", errors);
        if (sideOk && typeOk && cls != OrderClass.Oco) CheckBracket(d, side, errors);
        if (sideOk && cls is { } c) OrderClassRules.CheckExits(d, c, side, tif, errors);
        var expireAt = tifOk ? OrderClassRules.CheckExpiry(d, tif, now ?? DateTimeOffset.MinValue, errors) : null;
        if (symbolOk && tickSizeOf?.Invoke(symbol) is { } tick) CheckTicks(d, tick, errors);
        foreach (var (field, value) in Prices(d)) CheckNotTooLarge(value, field, errors);
        var wait = ControlRules.Check(d, typeOk && cls != OrderClass.Oco ? type : null, cls, errors);

        if (errors.Count == 0 && symbolOk && sideOk && quantityOk && typeOk && tifOk && cls is { } orderClass)
            spec = new OrderSpec(symbol, side, quantity, type, orderClass == OrderClass.Oco ? d.TakeProfit : d.Price,
                d.StopPrice, tif, d.StopLoss, d.TakeProfit)
            {
                Class = orderClass, StopLossLimitPrice = d.StopLossLimitPrice, TrailPrice = d.TrailPrice,
                TrailPercent = d.TrailPercent, ExpireAt = expireAt, MaxSlippageBps = d.MaxSlippageBps,
                MaxWaitSeconds = wait,
            };
        return errors;
    }

    // An OCO is a take-profit LIMIT (at take_profit) and a stop-loss STOP: no other type, no price of its own.
    private static void CheckOcoType(OrderDraft d, OrderType type, List<RuleViolation> errors)
    {
        if (type != OrderType.Limit)
            errors.Add(new("order_type", ReasonCodes.OcoOrderTypeInvalid,
                $"An OCO's first leg is a LIMIT at take_profit, not a {ApiNames.Of(type)}.",
                "Leave order_type out (or send LIMIT); the stop-loss leg is a STOP at stop_loss."));
        if (d.Price is not null)
            errors.Add(new("price", ReasonCodes.PriceNotAllowed,
                "An OCO takes no price: its take-profit leg's limit is take_profit.",
                "Remove \"price\" and put the limit in \"take_profit\"."));
        if (d.StopPrice is not null)
            errors.Add(new("stop_price", ReasonCodes.StopPriceNotAllowed,
                "An OCO takes no stop_price: its stop-loss leg's stop is stop_loss.",
                "Remove \"stop_price\" and put the stop in \"stop_loss\"."));
    }

    private static bool CheckSymbol(string? text, List<RuleViolation> errors, out Symbol symbol)
    {
        if (Symbol.TryCreate(text, out symbol)) return true;
        errors.Add(string.IsNullOrWhiteSpace(text)
            ? new("symbol", ReasonCodes.SymbolRequired, "The symbol is missing.",
                "Add the instrument's ticker, e.g. \"symbol\": \"AAPL\".")
            : new("symbol", ReasonCodes.SymbolInvalid, $"'{text}' is not a valid symbol.",
                $"Use 1 to {Symbol.MaxLength} letters, digits, '.' or '-', e.g. AAPL or BRK.B."));
        return false;
    }

    private static bool CheckEnum<TEnum>(string? text, string field, string allowed, List<RuleViolation> errors,
        out TEnum value)
        where TEnum : struct, Enum
    {
        if (ApiNames.TryParse(text, out value)) return true;
        var code = field.ToUpperInvariant() + (text is null ? "_REQUIRED" : "_INVALID");
        var message = text is null ? $"The field '{field}' is missing." : $"'{text}' is not a valid {field}.";
        errors.Add(new(field, code, message, $"Use one of {allowed}."));
        return false;
    }

    // Shared with AmendRules: an amend answers the same code as a submit for the same mistake.
    internal static bool CheckQuantity(decimal? quantity, List<RuleViolation> errors, out long whole)
    {
        whole = 0;
        if (quantity is null)
            errors.Add(new("quantity", ReasonCodes.QuantityRequired, "The quantity is missing.",
                "Add the number of shares, e.g. \"quantity\": 10."));
        else if (quantity <= 0)
            errors.Add(new("quantity", ReasonCodes.QuantityNotPositive,
                $"The quantity must be more than zero; it is {quantity}.",
                "Send a whole number of shares of at least 1.", Details(("quantity", quantity))));
        else if (quantity != decimal.Truncate(quantity.Value))
            errors.Add(new("quantity", ReasonCodes.QuantityNotWhole,
                $"The quantity must be a whole number of shares; it is {quantity}.",
                $"Round it to {decimal.Floor(quantity.Value)} or {decimal.Ceiling(quantity.Value)}.",
                Details(("quantity", quantity))));
        else if (quantity > long.MaxValue / 1_000_000)
            errors.Add(new("quantity", ReasonCodes.QuantityTooLarge,
                $"The quantity {quantity} is larger than any order Fillmore accepts.",
                "Split the order or check the number for a typo."));
        else
        {
            whole = (long)quantity.Value;
            return true;
        }
        return false;
    }

    private static void CheckPrices(OrderDraft d, OrderType type, List<RuleViolation> errors)
    {
        var name = ApiNames.Of(type);
        var needsLimit = type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = type is OrderType.Stop or OrderType.StopLimit;
        if (needsLimit && d.Price is null)
            errors.Add(new("price", ReasonCodes.PriceRequired, $"A {name} order needs a limit price.",
                "Add \"price\", or send a MARKET order."));
        if (!needsLimit && d.Price is not null)
            errors.Add(new("price", ReasonCodes.PriceNotAllowed, $"A {name} order takes no limit price.",
                type == OrderType.Stop ? "Remove \"price\", or send a STOP_LIMIT order."
                    : "Remove \"price\", or send a LIMIT order."));
        if (needsStop && d.StopPrice is null)
            errors.Add(new("stop_price", ReasonCodes.StopPriceRequired, $"A {name} order needs a stop price.",
                "Add \"stop_price\"."));
        if (!needsStop && d.StopPrice is not null)
            errors.Add(new("stop_price", ReasonCodes.StopPriceNotAllowed, $"A {name} order takes no stop price.",
                "Remove \"stop_price\", or send a STOP or STOP_LIMIT order."));
        CheckPositive(d.Price, "price", errors);
        CheckPositive(d.StopPrice, "stop_price", errors);
    }

    internal static void CheckPositive(decimal? value, string field, List<RuleViolation> errors)
    {
        if (value is <= 0)
            errors.Add(new(field, field.ToUpperInvariant() + "_NOT_POSITIVE",
                $"The {field} must be more than zero; it is {value}.", $"Send a positive {field}.",
                Details((field, value))));
    }

    // Stop-loss below and take-profit above the entry for a buy; mirrored for a sell. The entry is
    // the limit price, else the stop price; a market order's entry is only known from the quote,
    // which the price-reasonableness risk rule checks.
    private static void CheckBracket(OrderDraft d, Side side, List<RuleViolation> errors)
    {
        var entry = d.Price ?? d.StopPrice;
        if (entry is not > 0) return;
        var buy = side == Side.Buy;
        if (d.StopLoss is > 0 && (buy ? d.StopLoss >= entry : d.StopLoss <= entry))
            errors.Add(new("stop_loss", ReasonCodes.StopLossWrongSide,
                $"For a {ApiNames.Of(side)} the stop-loss must be {(buy ? "below" : "above")} the entry price {entry}; "
                    + $"it is {d.StopLoss}.",
                $"Set stop_loss {(buy ? "below" : "above")} {entry}.",
                Details(("entry", entry), ("stop_loss", d.StopLoss))));
        if (d.TakeProfit is > 0 && (buy ? d.TakeProfit <= entry : d.TakeProfit >= entry))
            errors.Add(new("take_profit", ReasonCodes.TakeProfitWrongSide,
                $"For a {ApiNames.Of(side)} the take-profit must be {(buy ? "above" : "below")} the entry price "
                    + $"{entry}; it is {d.TakeProfit}.",
                $"Set take_profit {(buy ? "above" : "below")} {entry}.",
                Details(("entry", entry), ("take_profit", d.TakeProfit))));
    }

    private static (string Field, decimal? Value)[] Prices(OrderDraft d) =>
    [
        ("price", d.Price), ("stop_price", d.StopPrice), ("stop_loss", d.StopLoss), ("take_profit", d.TakeProfit),
        ("stop_loss_limit_price", d.StopLossLimitPrice), ("trail_price", d.TrailPrice),
    ];

    // Shared with AmendRules.
    internal static void CheckNotTooLarge(decimal? value, string field, List<RuleViolation> errors)
    {
        if (value > MaxPrice)
            errors.Add(new(field, ReasonCodes.PriceTooLarge,
                $"The {field} {value} is larger than any price Fillmore accepts ({MaxPrice:0}).",
                "Check the number for a typo; prices are in dollars per share.", Details((field, value))));
    }

    private static void CheckTicks(OrderDraft d, decimal tick, List<RuleViolation> errors)
    {
        foreach (var (field, value) in Prices(d))
        {
            if (value is not > 0 || value % tick == 0) continue;
            var below = decimal.Floor(value.Value / tick) * tick;
            errors.Add(new(field, ReasonCodes.PriceNotOnTick,
                $"The {field} {value} is not a multiple of the tick size {tick}.", $"Use {below} or {below + tick}.",
                Details((field, value), ("tick_size", tick))));
        }
    }

    private static void CheckClientOrderId(string? id, List<RuleViolation> errors)
    {
        if (id is null) return;
        if (id.Length == 0 || id.Length > ClientOrderIdMaxLength || id.Any(char.IsControl))
            errors.Add(new("client_order_id", ReasonCodes.ClientOrderIdInvalid,
                $"The client order id must be 1 to {ClientOrderIdMaxLength} printable characters; it has {id.Length}.",
                "Use a shorter id, such as a UUID or a counter."));
    }

    private static Dictionary<string, object?> Details(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value);
}
