// The trader's account (GET /api/v1/account) and the administrator's controls: fund an account and
// set its limits, halt or resume one trader, halt or resume everyone (the kill switch).
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
            .WithSummary("Fund an account, set its limits, halt or resume it");
        admin.MapPut("/trading-halt", HaltAsync).Produces<TradingHaltResponse>()
            .WithSummary("Halt or resume trading for everyone");
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

    private static async Task<IResult> UpdateAsync(string trader, AccountUpdateRequest body, AccountService accounts,
        IMarketData market, LedgerBook ledgers, TradingControls controls, TimeProvider time, CancellationToken ct)
    {
        if (Invalid(body) is { } problem) return problem;
        var id = new TraderId(trader);
        await accounts.UpdateAsync(id, a => a with
        {
            Cash = body.Cash ?? a.Cash,
            Limits = Merge(a.Limits, body.Limits),
            TradingHalted = body.TradingHalted ?? a.TradingHalted,
        }, ct);
        var today = ledgers.Calendar.DayOf(time.GetUtcNow());
        return TypedResults.Ok(await accounts.ReadAsync(id, l => AccountResponse.From(l, market, today, controls), ct));
    }

    private static async Task<IResult> HaltAsync(TradingHaltRequest body, AccountService accounts, CancellationToken ct)
    {
        var reason = body.Halted
            ? (string.IsNullOrWhiteSpace(body.Reason) ? "halted by an administrator" : body.Reason.Trim()) : null;
        await accounts.SetGlobalHaltAsync(reason, ct);
        return TypedResults.Ok(new TradingHaltResponse(reason is not null, reason));
    }

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
        return negative.Count == 0 ? null : Problems.Invalid(negative.Select(f => new RuleViolation(f.Field,
            ReasonCodes.ValueNegative, $"{f.Field} cannot be negative; it is {f.Value}.",
            "Send zero or a positive amount.")).ToList());
    }
}
