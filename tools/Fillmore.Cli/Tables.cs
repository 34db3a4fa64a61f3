// The tables the commands print when --json is not given.
namespace Fillmore.Cli;

using Fillmore.Client;
using Spectre.Console;

public static class Tables
{
    public static Table Orders(IEnumerable<Order> orders)
    {
        var table = new Table().AddColumns("id", "symbol", "side", "qty", "type", "price", "status", "filled",
            "avg", "class", "client order id");
        foreach (var o in orders)
        {
            table.AddRow(o.Id.ToString(), o.Symbol, Output.Name(o.Side), o.Quantity.ToString(), Output.Name(o.OrderType),
                Output.Money(o.Price ?? o.StopPrice ?? o.TriggerPrice), Output.Status(o.Status),
                o.FilledQuantity.ToString(), Output.Money(o.AverageFillPrice), Class(o),
                Markup.Escape(o.ClientOrderId ?? ""));
        }
        return table;
    }

    public static IEnumerable<Spectre.Console.Rendering.IRenderable> Order(Order o)
    {
        var facts = new Table().HideHeaders().AddColumns("", "");
        void Row(string name, string? value) { if (!string.IsNullOrEmpty(value)) facts.AddRow(name, value); }
        Row("id", o.Id.ToString());
        Row("client order id", Markup.Escape(o.ClientOrderId ?? ""));
        Row("order", $"{Output.Name(o.Side)} {o.Quantity} {o.Symbol} {Output.Name(o.OrderType)} "
            + $"{Output.Name(o.TimeInForce)}");
        Row("price", Output.Money(o.Price));
        Row("stop price", Output.Money(o.StopPrice));
        Row("trigger", Output.Money(o.TriggerPrice));
        Row("stop-loss / take-profit", o.StopLoss is null && o.TakeProfit is null ? null
            : $"{Output.Money(o.StopLoss)} / {Output.Money(o.TakeProfit)}");
        Row("status", Output.Status(o.Status));
        Row("filled", o.AverageFillPrice is null ? "0" : $"{o.FilledQuantity} at {Output.Money(o.AverageFillPrice)}");
        Row("class", Class(o));
        Row("reason", Markup.Escape(o.Reason ?? ""));
        Row("venue", o.Venue);
        Row("created", o.CreatedAt.ToString("u"));
        yield return facts;
        if (o.Fills is { Count: > 0 } fills)
        {
            var table = new Table { Title = new TableTitle("fills") }.AddColumns("execution", "qty", "price", "venue", "commission", "at");
            foreach (var f in fills)
                table.AddRow(f.ExecutionId, f.QuantityFilled.ToString(), Output.Money(f.PriceAtFill), f.Venue,
                    Output.Money(f.Commission), f.Timestamp.ToString("u"));
            yield return table;
        }
        if (o.Legs is { Count: > 0 } legs)
        {
            var table = Orders(legs);
            table.Title = new TableTitle("legs");
            yield return table;
        }
    }

    public static Table Account(Account a)
    {
        var table = new Table().HideHeaders().AddColumns("", "");
        table.AddRow("trader", a.TraderId).AddRow("cash", Output.Money(a.Cash)).AddRow("reserved", Output.Money(a.Reserved))
            .AddRow("buying power", Output.Money(a.BuyingPower)).AddRow("realised P&L today", Output.Money(a.RealisedPnlToday))
            .AddRow("unrealised P&L", Output.Money(a.UnrealisedPnl))
            .AddRow("trading", a.TradingHalted ? "[red]halted[/]" : "[green]allowed[/]");
        foreach (var p in a.Positions)
            table.AddRow($"position {p.Symbol}", $"{p.Quantity} at {Output.Money(p.AverageCost)} "
                + $"(value {Output.Money(p.MarketValue)}, P&L {Output.Money(p.UnrealisedPnl)})");
        return table;
    }

    public static Table ApiKeys(IEnumerable<ApiKey> keys)
    {
        var table = new Table().AddColumns("id", "user", "scope", "status", "label", "created", "expires", "last used");
        foreach (var k in keys)
            table.AddRow(k.Id, Markup.Escape(k.User), k.Scope, KeyStatus(k.Status), Markup.Escape(k.Label ?? ""),
                k.CreatedAt.ToString("u"), k.ExpiresAt?.ToString("u") ?? "", k.LastUsedAt?.ToString("u") ?? "");
        return table;
    }

    public static Table ApiKey(ApiKey k)
    {
        var facts = new Table().HideHeaders().AddColumns("", "");
        void Row(string name, string? value) { if (!string.IsNullOrEmpty(value)) facts.AddRow(name, value); }
        Row("id", k.Id);
        Row("user", Markup.Escape(k.User));
        Row("scope", k.Scope);
        Row("status", KeyStatus(k.Status));
        Row("label", Markup.Escape(k.Label ?? ""));
        Row("created", $"{k.CreatedAt:u} by {Markup.Escape(k.CreatedBy)}");
        Row("expires", k.ExpiresAt?.ToString("u"));
        Row("revoked", k.RevokedAt?.ToString("u"));
        Row("replaced by", k.ReplacedBy);
        Row("last used", k.LastUsedAt?.ToString("u"));
        return facts;
    }

    private static string KeyStatus(string status) => status switch
    {
        "ACTIVE" => $"[green]{status}[/]",
        "REVOKED" => $"[red]{status}[/]",
        _ => $"[grey]{Markup.Escape(status)}[/]",
    };

    public static Table Captioned(Table table, string caption)
    {
        table.Caption = new TableTitle(caption);
        return table;
    }

    private static string Class(Order o) => o.OrderClass == OrderClass.Simple ? ""
        : o.LegRole == LegRole.Unknown ? Output.Name(o.OrderClass) : $"{Output.Name(o.OrderClass)} {Output.Name(o.LegRole)}";
}
