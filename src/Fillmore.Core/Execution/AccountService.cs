// Account administration and reading, inside the trader's gate like every ledger change: an
// administrator funds an account, sets its limits, halts or resumes it, each change with its
// control entry. Reading a ledger for display also takes the gate, so it is never half-updated.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Accounts;
using Fillmore.Core.Audit;
using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class AccountService(TraderLocks locks, LedgerBook ledgers, OrderMutator mutator)
{
    /// <summary>
    /// Creates or changes an account; returns the account as stored. When the cached account was
    /// stale (another node changed it), the refusal drops the cache and the change is applied again
    /// to the account as it now is.
    /// </summary>
    /// <param name="entries">The control entries of an administrator's change, from the account before and after it
    /// (committed with it).</param>
    public async Task<Account> UpdateAsync(TraderId trader, Func<Account, Account> change,
        Func<Account, Account, IReadOnlyList<AuditRecord>>? entries = null, CancellationToken ct = default)
    {
        using var gate = await locks.EnterAsync(trader, ct).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            var ledger = await ledgers.GetAsync(trader, ct).ConfigureAwait(false);
            var updated = change(ledger.Account) with { TraderId = trader, Version = ledger.Account.Version + 1 };
            var account = new AccountChange(updated) { Audit = entries?.Invoke(ledger.Account, updated) ?? [] };
            var result = await mutator.TryCommitAsync(account, trader, ct).ConfigureAwait(false);
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
}
