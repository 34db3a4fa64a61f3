// The trader's account (GET /api/v1/account) and the administrator's controls: fund an account and
// set its limits, halt or resume one trader, halt or resume everyone (the kill switch, which
// cancels what is open unless told only to block), cancel everything one trader has open. Every
// change is a control entry in the audit trail naming the administrator.
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
        app.MapGet("/api/v1/account", GetAsync).RequireAuthorization().WithTags("Account")
            .Produces<AccountResponse>().ProducesProblem(404)
            .WithSummary("Cash, buying power, positions, P&L and limits");
        var admin = app.MapGroup("/api/v1/admin").RequireAuthorization(Policies.Admin).WithTags("Admin");
        admin.MapPut("/accounts/{trader}", UpdateAsync).Produces<AccountResponse>().ProducesProblem(400)
            .ProducesProblem(404)
            .WithSummary("Fund an account, set its limits, halt (cancelling its open orders) or resume it");
        admin.MapPut("/trading-halt", HaltAsync).Produces<TradingHaltResponse>()
            .WithSummary("Halt or resume trading for everyone (a halt cancels every open order unless "
                + "cancel_open_orders is false)");
        admin.MapPost("/traders/{trader}/cancel-all", CancelTraderAsync).Produces<OrderListResponse>()
            .ProducesProblem(404)
            .WithSummary("Cancel every open and held order of one trader (?reason= is recorded)");
    }

    private static async Task<IResult> GetAsync(HttpContext http, AccountService accounts, IMarketData market,
        LedgerBook ledgers, TradingControls controls, TimeProvider time, string? trader_id, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        var trader = caller.IsCompliance && trader_id is not null ? new TraderId(trader_id) : caller.Id;
        var today = ledgers.Calendar.DayOf(time.GetUtcNow());
        var view = await accounts.ReadAsync(trader,
            l => l.Exists ? AccountResponse.From(l, market, today, controls) : null, ct);
        return view is not null ? TypedResults.Ok(view) : Problems.Single(404, ReasonCodes.AccountNotFound,
            "No account", $"There is no trading account for {trader}.",
            "Ask an administrator to open and fund the account.");
    }

    private static async Task<IResult> UpdateAsync(HttpContext http, string trader, AccountUpdateRequest body,
        AccountService accounts, KillSwitch kill, IMarketData market, LedgerBook ledgers, TradingControls controls,
        TimeProvider time, CancellationToken ct)
    {
        if (Invalid(body) is { } problem) return problem;
        var id = new TraderId(trader);
        var admin = AdminOf(http);
        var funds = body.Cash is not null || body.Limits is not null || body.DefaultMaxSlippageBps is not null
            || body.MaxSlippageBps is not null;
        if (!funds && !await accounts.ReadAsync(id, l => l.Exists, ct)) return UnknownTrader(id);
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

    private static async Task<IResult> HaltAsync(HttpContext http, TradingHaltRequest body, KillSwitch kill,
        CancellationToken ct)
    {
        var admin = AdminOf(http);
        if (!body.Halted)
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
        var id = new TraderId(trader);
        if (!await accounts.ReadAsync(id, l => l.Exists, ct)) return UnknownTrader(id);
        var reason = http.Request.Query["reason"].FirstOrDefault();
        var orders = await kill.CancelTraderAsync(id, ReasonOf(reason, "cancel-all by an administrator"),
            AdminOf(http), ct);
        return TypedResults.Ok(new OrderListResponse(orders.Select(o => OrderResponse.From(o)).ToList(), orders.Count,
            Math.Max(orders.Count, 1), 0));
    }

    private static string AdminOf(HttpContext http) => $"administrator {Caller.From(http.User).Id}";

    private static string ReasonOf(string? reason, string fallback = "halted by an administrator") =>
        string.IsNullOrWhiteSpace(reason) ? fallback : reason.Trim();

    private static IResult UnknownTrader(TraderId trader) => Problems.Single(404, ReasonCodes.TraderNotFound,
        "No such trader", $"There is no account for {trader}.",
        "Check the trader id; PUT /api/v1/admin/accounts/{trader} with cash or limits opens an account.");

    // A partial update starts from the stored limits; a new account needs every limit at once.
    private static RiskLimits? Merge(RiskLimits? stored, LimitsRequest? r) => r is null ? stored : stored is null
        ? (r is { MaxPositionShares: { } s, MaxPositionNotional: { } pn, MaxOrderNotional: { } on, MaxOpenOrders: { } o,
            DailyLossLimit: { } d }
            ? new RiskLimits(s, pn, on, o, d, r.ShortSellingEnabled ?? false) : null)
        : new RiskLimits(r.MaxPositionShares ?? stored.MaxPositionShares,
            r.MaxPositionNotional ?? stored.MaxPositionNotional, r.MaxOrderNotional ?? stored.MaxOrderNotional,
            r.MaxOpenOrders ?? stored.MaxOpenOrders, r.DailyLossLimit ?? stored.DailyLossLimit,
            r.ShortSellingEnabled ?? stored.ShortSellingEnabled);

    private static IResult? Invalid(AccountUpdateRequest body)
    {
        var l = body.Limits;
        var negative = new (string Field, decimal? Value)[]
        {
            ("cash", body.Cash), ("limits.max_position_shares", l?.MaxPositionShares),
            ("limits.max_position_notional", l?.MaxPositionNotional),
            ("limits.max_order_notional", l?.MaxOrderNotional), ("limits.max_open_orders", l?.MaxOpenOrders),
            ("limits.daily_loss_limit", l?.DailyLossLimit),
        }.Where(f => f.Value < 0).ToList();
        var errors = negative.Select(f => new RuleViolation(f.Field, ReasonCodes.ValueNegative,
            $"{f.Field} cannot be negative; it is {f.Value}.", "Send zero or a positive amount.")).ToList();
        foreach (var (field, value) in new[]
            {
                ("default_max_slippage_bps", body.DefaultMaxSlippageBps), ("max_slippage_bps", body.MaxSlippageBps),
            })
            if (value is { } bps && (bps <= 0 || bps > ControlRules.MaxSlippageBps || decimal.Round(bps, 2) != bps))
                errors.Add(new(field, ReasonCodes.MaxSlippageInvalid,
                    $"{field} must be more than 0 and at most 10000 basis points, with at most two decimals; "
                        + $"it is {bps}.", "Send basis points from the arrival price, e.g. 25 for 0.25 %."));
        return errors.Count == 0 ? null : Problems.Invalid(errors);
    }
}
