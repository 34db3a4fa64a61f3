// The one node of an unshared store (SQLite) owns every order, always.
namespace Fillmore.Core.Execution;

using Fillmore.Core.Orders;
using Fillmore.Core.Ports;

public sealed class SingleNodeLeases(IOrderStore store) : IWorkLeases
{
    public string NodeId => "local";

    public bool Shared => false;

    public Task<bool> RenewAsync(CancellationToken ct = default) => Task.FromResult(true);

    public Task<IReadOnlyList<OrderId>> ClaimOrphansAsync(CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<OrderId>>([]);

    public async Task<IReadOnlyList<OrderId>> ListOwnedWorkAsync(CancellationToken ct = default) =>
        (await store.ListOpenOrdersAsync(ct).ConfigureAwait(false)).Select(o => o.Id)
            .Concat(await store.ListOrdersMissingFillsAsync(ct).ConfigureAwait(false))
            .Concat(await store.ListOrdersInDoubtAsync(ct).ConfigureAwait(false)).Distinct().ToList();

    public Task<bool> OwnsAsync(OrderId id, CancellationToken ct = default) => Task.FromResult(true);

    public async Task<long?> VersionOfAsync(OrderId id, CancellationToken ct = default) =>
        (await store.GetOrderAsync(id, ct).ConfigureAwait(false))?.Version;

    public Task ReleaseAsync(CancellationToken ct = default) => Task.CompletedTask;
}
