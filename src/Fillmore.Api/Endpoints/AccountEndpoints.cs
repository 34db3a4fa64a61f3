// The trader's account (GET /api/v1/account) and the administrator's controls: fund an account and
// set its limits, halt or resume one trader, halt or resume everyone (the kill switch, which
// cancels what is open unless told only to block), cancel everything one trader has open. Every
// change is a control entry in the audit trail naming the administrator. Bodies are read by
// JsonBody like the orders' (unknown, repeated and mistyped fields are problems), and an update
// either applies everything it says or nothing: limits a new account cannot take in part are
// refused by name, not dropped.
namespace Fillmore.Api.Endpoints;

using Fillmore.Api.Auth;
using Fillmore.Api.Contracts;
using Fillmore.Api.Errors;
using Fillmore.Core;
using Fillmore.Core.Accounts;
using Fillmore.Core.Execution;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/account", GetAsync).ReadsQuery().RequireAuthorization().WithTags("Account")
            .Produces<AccountResponse>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Cash, buying power, positions, P&L and limits");
        var admin = app.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapPut("/accounts/{trader}", UpdateAsync).Accepts<AccountUpdateRequest>("application/json")
            .Produces<AccountResponse>().ProducesProblem(400).ProducesProblem(404).ProducesProblem(415)
            .WithSummary("Fund an account, set its limits, halt (cancelling its open orders) or resume it");
        admin.MapPut("/trading-halt", HaltAsync).Accepts<TradingHaltRequest>("application/json")
            .Produces<TradingHaltResponse>().ProducesProblem(400).ProducesProblem(415)
            .WithSummary("Halt or resume trading for everyone (a halt cancels every open order unless "
                + "cancel_open_orders is false)");
        admin.MapPost("/traders/{trader}/cancel-all", CancelTraderAsync).ReadsQuery().Produces<OrderListResponse>()
            .ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Cancel every open and held order of one trader (?reason= is recorded)");
    }

    private static async Task<IResult> GetAsync(HttpContext http, AccountService accounts, IMarketData market,
        LedgerBook ledgers, TradingControls controls, TimeProvider time, string? trader_id, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var p = new QueryParameters(http.Request, "trader_id");
        var trader = caller.IsCompliance ? p.Trader(trader_id) ?? caller.Id : caller.Id;
        if (p.Problem is { } problem) return problem;
        var today = ledgers.Calendar.DayOf(time.GetUtcNow());
        var view = await accounts.ReadAsync(trader,
            l => l.Exists ? AccountResponse.From(l, market, today, controls) : null, ct);
        return view is not null ? TypedResults.Ok(view) : Problems.Single(404, ReasonCodes.AccountNotFound,
            "No account", $"There is no trading account for {trader}.",
            "Ask an administrator to open and fund the account.");
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string trader, AccountService accounts,
        KillSwitch kill, IMarketData market, LedgerBook ledgers, TradingControls controls, TimeProvider time,
        CancellationToken ct)
    {
        if (TraderIdProblem(trader) is { } invalid) return invalid;
        var (read, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.AccountUpdateRequest,
            "{\"cash\":100000}", ct);
        if (read is not { } body) return problem!;
        var id = new TraderId(trader.Trim());
        // Limits are only ever set, never removed: ones stored now are still stored when the update runs.
        var (exists, stored) = await accounts.ReadAsync(id, l => (l.Exists, l.Exists ? l.Account.Limits : null), ct);
        if (Invalid(body, stored) is { } refused) return refused;
        var admin = AdminOf(http);
        var funds = body.Cash is not null || body.Limits is not null || body.DefaultMaxSlippageBps is not null
            || body.MaxSlippageBps is not null;
        if (!funds && !exists) return UnknownTrader(id);
        if (funds)
            await accounts.UpdateAsync(id, a => a with
            {
                Cash = body.Cash ?? a.Cash,
                Limits = Merge(a.Limits, body.Limits),
                DefaultMaxSlippageBps = body.DefaultMaxSlippageBps ?? a.DefaultMaxSlippageBps,
                MaxSlippageBps = body.MaxSlippageBps ?? a.MaxSlippageBps,
            }, (before, after) => [AccountChanges.Entry(before, after, admin, time.GetUtcNow())], ct);
        if (body.TradingHalted is { } halted)
            await kill.SetTraderHaltAsync(id, halted ? ReasonOf(body.Reason) : null, body.CancelOpenOrders ?? true,
                admin, ct);
        var today = ledgers.Calendar.DayOf(time.GetUtcNow());
        return TypedResults.Ok(await accounts.ReadAsync(id, l => AccountResponse.From(l, market, today, controls), ct));
    }

    // "halted" is required: an empty body must not lift the kill switch (a missing bool would read as false).
    private static async Task<IResult> HaltAsync(HttpContext http, KillSwitch kill, CancellationToken ct)
    {
        var (body, _, problem) = await JsonBody.ReadAsync(http, FillmoreJsonContext.Web.TradingHaltRequest,
            "{\"halted\":true,\"reason\":\"market-wide circuit breaker\"}", ct);
        if (problem is not null) return problem;
        if (body!.Halted is not { } halted)
            return Problems.Single(400, ReasonCodes.FieldRequired, "Halt or resume?",
                "The field 'halted' is missing: the request does not say whether to halt or to resume trading.",
                "Send {\"halted\":true,\"reason\":\"...\"} to halt everyone, or {\"halted\":false} to resume.",
                "halted");
        var admin = AdminOf(http);
        if (!halted)
        {
            await kill.ResumeEveryoneAsync(admin, ct);
            return TypedResults.Ok(new TradingHaltResponse(false, null));
        }
        var reason = ReasonOf(body.Reason);
        var cancelled = await kill.HaltEveryoneAsync(reason, body.CancelOpenOrders ?? true, admin, ct);
        return TypedResults.Ok(new TradingHaltResponse(true, reason) { OrdersCancelled = cancelled.Count });
    }

    private static async Task<IResult> CancelTraderAsync(HttpContext http, string trader, AccountService accounts,
        KillSwitch kill, CancellationToken ct)
    {
        if (TraderIdProblem(trader) is { } invalid) return invalid;
        var p = new QueryParameters(http.Request, "reason");
        if (p.Problem is { } problem) return problem;
        var id = new TraderId(trader.Trim());
        if (!await accounts.ReadAsync(id, l => l.Exists, ct)) return UnknownTrader(id);
        var orders = await kill.CancelTraderAsync(id,
            ReasonOf(http.Request.Query["reason"].FirstOrDefault(), "cancel-all by an administrator"), AdminOf(http),
            ct);
        return TypedResults.Ok(new OrderListResponse(orders.Select(o => OrderResponse.From(o)).ToList(), orders.Count,
            Math.Max(orders.Count, 1), 0));
    }

    private static IResult? TraderIdProblem(string trader) => QueryParameters.IsTraderId(trader) ? null
        : Problems.Single(400, ReasonCodes.TraderIdInvalid, "Not a trader id",
            $"'{QueryParameters.Shown(trader)}' is not a trader id.",
            $"Use the trader's user name (1 to {QueryParameters.MaxTraderIdLength} printable characters), e.g. "
                + "PUT /api/v1/admin/accounts/alice.", "trader");

    private static string AdminOf(HttpContext http) => $"administrator {Caller.From(http.User).Id}";

    private static string ReasonOf(string? reason, string fallback = "halted by an administrator") =>
        string.IsNullOrWhiteSpace(reason) ? fallback : reason.Trim();

    private static IResult UnknownTrader(TraderId trader) => Problems.Single(404, ReasonCodes.TraderNotFound,
        "No such trader", $"There is no account for {trader}.",
        "Check the trader id; PUT /api/v1/admin/accounts/{trader} with cash or limits opens an account.");

    // A partial update starts from the stored limits; an account without limits needs every limit at once (Invalid
    // refuses anything less), since a limit left unset would trade unlimited.
    private static RiskLimits? Merge(RiskLimits? stored, LimitsRequest? r) => r is null ? stored : stored is null
        ? (r is { MaxPositionShares: { } s, MaxPositionNotional: { } pn, MaxOrderNotional: { } on, MaxOpenOrders: { } o,
            DailyLossLimit: { } d }
            ? new RiskLimits(s, pn, on, o, d, r.ShortSellingEnabled ?? false) : null)
        : new RiskLimits(r.MaxPositionShares ?? stored.MaxPositionShares,
            r.MaxPositionNotional ?? stored.MaxPositionNotional, r.MaxOrderNotional ?? stored.MaxOrderNotional,
            r.MaxOpenOrders ?? stored.MaxOpenOrders, r.DailyLossLimit ?? stored.DailyLossLimit,
            r.ShortSellingEnabled ?? stored.ShortSellingEnabled);

    private static IResult? Invalid(AccountUpdateRequest body, RiskLimits? stored)
    {
        var l = body.Limits;
        var fields = new (string Field, decimal? Value)[]
        {
            ("cash", body.Cash), ("limits.max_position_shares", l?.MaxPositionShares),
            ("limits.max_position_notional", l?.MaxPositionNotional),
            ("limits.max_order_notional", l?.MaxOrderNotional), ("limits.max_open_orders", l?.MaxOpenOrders),
            ("limits.daily_loss_limit", l?.DailyLossLimit),
        };
        var errors = fields.Where(f => f.Value < 0).Select(f => new RuleViolation(f.Field, ReasonCodes.ValueNegative,
            $"{f.Field} cannot be negative; it is {f.Value}.", "Send zero or a positive amount.")).ToList();
        if (l is not null && stored is null)
            errors.AddRange(fields.Skip(1).Where(f => f.Value is null).Select(f => new RuleViolation(f.Field,
                ReasonCodes.FieldRequired,
                $"{f.Field} is missing: an account without limits gets them all five at once, or none.",
                "Send max_position_shares, max_position_notional, max_order_notional, max_open_orders and "
                    + "daily_loss_limit together; later updates may send any of them alone.")));
        foreach (var (field, value) in new[]
            {
                ("default_max_slippage_bps", body.DefaultMaxSlippageBps), ("max_slippage_bps", body.MaxSlippageBps),
            })
            if (value is { } bps && (bps <= 0 || bps > ControlRules.MaxSlippageBps || decimal.Round(bps, 2) != bps))
                errors.Add(new(field, ReasonCodes.MaxSlippageInvalid,
                    $"{field} must be more than 0 and at most 10000 basis points, with at most two decimals; "
                        + $"it is {bps}.", "Send basis points from the arrival price, e.g. 25 for 0.25 %."));
        return errors.Count == 0 ? null : Problems.Invalid(errors, "account update");
    }
}
