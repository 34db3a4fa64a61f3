// submit, amend, cancel, cancel-all, orders, order ID: the order routes of docs/api.md, each field an
// option named as in the API (--stop-loss for stop_loss). A submit without --client-order-id gets one
// from the client library, kept for every retry of that call.
namespace Fillmore.Cli;

using System.CommandLine;
using Fillmore.Client;
using Spectre.Console;

public static class OrderCommands
{
    public static IEnumerable<Command> All() => [Submit(), Amend(), Cancel(), CancelAll(), List(), Show()];

    private static Command Submit()
    {
        var symbol = new Argument<string>("symbol");
        var side = new Argument<Side>("side") { CustomParser = Enums.Required<Side> };
        var quantity = new Argument<long>("quantity");
        var type = new Option<OrderType?>("--type") { Description = "MARKET (default), LIMIT, STOP, STOP_LIMIT, TRAILING_STOP; an OCO takes none.",
            CustomParser = Enums.Optional<OrderType> };
        var tif = new Option<TimeInForce?>("--tif") { Description = "DAY (default), GTC, GTD, IOC, FOK.",
            CustomParser = Enums.Optional<TimeInForce> };
        var orderClass = new Option<OrderClass?>("--class") { Description = "SIMPLE, BRACKET, OTO, OCO.",
            CustomParser = Enums.Optional<OrderClass> };
        var price = Decimal("--price"); var stopPrice = Decimal("--stop-price"); var stopLoss = Decimal("--stop-loss");
        var takeProfit = Decimal("--take-profit"); var stopLossLimit = Decimal("--stop-loss-limit-price");
        var trailPrice = Decimal("--trail-price"); var trailPercent = Decimal("--trail-percent");
        var slippage = Decimal("--max-slippage-bps");
        var maxWait = new Option<int?>("--max-wait-seconds");
        var expireAt = new Option<DateTimeOffset?>("--expire-at") { Description = "With --tif GTD." };
        var clientOrderId = new Option<string?>("--client-order-id") { Description = "Your id for the order (idempotency)." };
        var venue = new Option<string?>("--venue") { Description = "A venue's name, or SMART (Fillmore chooses); default: the service's." };
        var command = new Command("submit", "Submit an order: fillmore submit AAPL BUY 10 --type LIMIT --price 189 "
            + "--stop-loss 180 --take-profit 200 --tif GTC")
        {
            symbol, side, quantity, type, tif, orderClass, price, stopPrice, stopLoss, takeProfit, stopLossLimit,
            trailPrice, trailPercent, slippage, maxWait, expireAt, clientOrderId, venue,
        };
        command.Action(async (p, client, output, ct) =>
        {
            var orderClassValue = p.GetValue(orderClass);
            var request = new OrderRequest
            {
                Symbol = p.GetValue(symbol)!, Side = p.GetValue(side), Quantity = p.GetValue(quantity),
                OrderType = p.GetValue(type) ?? (orderClassValue == OrderClass.Oco ? null : OrderType.Market),
                TimeInForce = p.GetValue(tif), OrderClass = orderClassValue, Price = p.GetValue(price),
                StopPrice = p.GetValue(stopPrice), StopLoss = p.GetValue(stopLoss), TakeProfit = p.GetValue(takeProfit),
                StopLossLimitPrice = p.GetValue(stopLossLimit), TrailPrice = p.GetValue(trailPrice),
                TrailPercent = p.GetValue(trailPercent), MaxSlippageBps = p.GetValue(slippage),
                MaxWaitSeconds = p.GetValue(maxWait), ExpireAt = p.GetValue(expireAt),
                ClientOrderId = p.GetValue(clientOrderId), Venue = p.GetValue(venue),
            };
            var result = await client.SubmitOrderAsync(request, ct);
            Show(output, result.Order, result.Replayed ? "already there (same client order id)" : "submitted");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Amend()
    {
        var id = new Argument<Guid>("id");
        var quantity = new Option<long?>("--quantity");
        var price = Decimal("--price"); var stopPrice = Decimal("--stop-price");
        var trailPrice = Decimal("--trail-price"); var trailPercent = Decimal("--trail-percent");
        var command = new Command("amend", "Change a held or working order's quantity, prices or trail")
        {
            id, quantity, price, stopPrice, trailPrice, trailPercent,
        };
        command.Action(async (p, client, output, ct) =>
        {
            var result = await client.AmendOrderAsync(p.GetValue(id), new AmendRequest
            {
                Quantity = p.GetValue(quantity), Price = p.GetValue(price), StopPrice = p.GetValue(stopPrice),
                TrailPrice = p.GetValue(trailPrice), TrailPercent = p.GetValue(trailPercent),
            }, ct);
            Show(output, result.Order, result.SentToVenue ? "replace sent to the venue" : "amended");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Cancel()
    {
        var id = new Argument<Guid>("id");
        var command = new Command("cancel", "Cancel an order") { id };
        command.Action(async (p, client, output, ct) =>
        {
            Show(output, await client.CancelOrderAsync(p.GetValue(id), ct), "cancel asked");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command CancelAll()
    {
        var symbol = new Option<string?>("--symbol");
        var command = new Command("cancel-all", "Cancel every open and held order (of one symbol)") { symbol };
        command.Action(async (p, client, output, ct) =>
        {
            var page = await client.CancelAllOrdersAsync(p.GetValue(symbol), ct);
            if (output.Json) output.Write(page);
            else output.Console.Write(Tables.Captioned(Tables.Orders(page.Data), $"{page.Data.Count} order(s) cancelled"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command List()
    {
        var status = new Option<OrderStatus?>("--status") { CustomParser = Enums.Optional<OrderStatus> };
        var symbol = new Option<string?>("--symbol");
        var limit = new Option<int?>("--limit") { Description = "1 to 100 (default 20)." };
        var offset = new Option<int?>("--offset");
        var trader = new Option<string?>("--trader") { Description = "Compliance: one trader's orders." };
        var command = new Command("orders", "Your orders, newest first") { status, symbol, limit, offset, trader };
        command.Action(async (p, client, output, ct) =>
        {
            var page = await client.ListOrdersAsync(new OrderQuery
            {
                Status = p.GetValue(status), Symbol = p.GetValue(symbol), Limit = p.GetValue(limit),
                Offset = p.GetValue(offset), TraderId = p.GetValue(trader),
            }, ct);
            if (output.Json) output.Write(page);
            else output.Console.Write(Tables.Captioned(Tables.Orders(page.Data), $"{page.Data.Count} of {page.Total}"));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<Guid>("id");
        var command = new Command("order", "One order with its fills and legs") { id };
        command.Action(async (p, client, output, ct) =>
        {
            Show(output, await client.GetOrderAsync(p.GetValue(id), ct), null);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void Show(Output output, Order order, string? caption)
    {
        if (output.Json)
        {
            output.Write(order);
            return;
        }
        if (caption is not null) output.Console.MarkupLine($"[bold]{caption}[/]");
        foreach (var part in Tables.Order(order)) output.Console.Write(part);
    }

    private static Option<decimal?> Decimal(string name) => new(name);
}
