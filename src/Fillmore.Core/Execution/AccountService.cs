// Account administration and reading, inside the trader's gate like every ledger change: an
// administrator funds an account, sets its limits, halts or resumes it; the global halt is a
// persisted control. Reading a ledger for display also takes the gate, so it is never half-updated.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;
using Fillmore.Core.Risk;

public sealed class AccountService(IOrderStore store, TraderLocks locks, LedgerBook ledgers, OrderMutator mutator,
    TradingControls controls)
{
    /// <summary>
    /// Creates or changes an account; returns the account as stored. When the cached account was
    /// stale (another node changed it), the refusal drops the cache and the change is applied again
    /// to the account as it now is.
    /// </summary>
    public async Task<Account> UpdateAsync(TraderId trader, Func<Account, Account> change,
        CancellationToken ct = default)
    {
        using var gate = await locks.EnterAsync(trader, ct).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
            var updated = change(ledger.Account) with { TraderId = trader, Version = ledger.Account.Version + 1 };
            var result = await mutator.TryCommitAsync(new AccountChange(updated), trader, ct).ConfigureAwait(false);
            if (result.Ok) return updated;
            if (attempt == 3)
                throw new InvalidOperationException($"The account {trader} kept changing meanwhile ({result.Status}); "
                    + "try again.");
        }
    }

    /// <summary>Runs <paramref name="read"/> on the trader's ledger inside the gate.</summary>
    public async Task<T> ReadAsync<T>(TraderId trader, Func<Ledger, T> read, CancellationToken ct = default)
    {
        using var gate = await locks.EnterAsync(trader, ct).ConfigureAwait(false);
        return read(await ledgers.GetAsync(trader, ct).ConfigureAwait(false));
    }

    public async Task SetGlobalHaltAsync(string? reason, CancellationToken ct = default)
    {
        var result = await store.CommitAsync(new ControlChange(TradingControls.HaltKey, reason), ct)
            .ConfigureAwait(false);
        if (!result.Ok) throw new InvalidOperationException($"The halt could not be stored ({result.Status}).");
        controls.Set(reason);
    }

    /// <summary>At start-up: restores the persisted global halt.</summary>
    public async Task LoadControlsAsync(CancellationToken ct = default) =>
        controls.Set(await store.GetControlAsync(TradingControls.HaltKey, ct).ConfigureAwait(false));
}
