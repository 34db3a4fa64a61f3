// Work leases between the nodes sharing one database (IWorkLeases). A node owns the orders it
// last wrote (orders.owner_node) while its lease in node_leases is live. Lease times come from the
// database clock (now()), so clock skew between the nodes never matters. Claiming an orphan bumps
// its version, which fences the former owner: if it was only slow, not dead, its next
// version-guarded write is refused and it learns the order is no longer its own.
// Call RenewAsync before writing orders, and then well within LeaseDuration.
namespace Fillmore.Storage.Postgres;

using Fillmore.Core.Orders;

public sealed partial class PostgresOrderStore
{
    public string NodeId { get; }

    public bool Shared => true;

    public async Task<bool> RenewAsync(CancellationToken ct = default)
    {
        // The CTE reads the row as it was before this statement (one snapshot): null when the lease is new.
        var rows = await QueryAsync("""
            WITH before AS (SELECT expires_at FROM node_leases WHERE node_id = @me)
            INSERT INTO node_leases (node_id, expires_at, renewed_at) VALUES (@me, now() + @duration, now())
            ON CONFLICT (node_id) DO UPDATE SET expires_at = excluded.expires_at, renewed_at = excluded.renewed_at
            RETURNING COALESCE((SELECT expires_at > now() FROM before), true)
            """, r => r.GetBoolean(0), ct, ("me", NodeId), ("duration", _leaseDuration)).ConfigureAwait(false);
        return rows[0];
    }

    public async Task<IReadOnlyList<OrderId>> ClaimOrphansAsync(CancellationToken ct = default) =>
        await QueryAsync($"""
            UPDATE orders o SET owner_node = @me, version = o.version + 1
            WHERE o.row_no IN ({Work("owner_node <> @me")})
              AND NOT EXISTS (SELECT 1 FROM node_leases l WHERE l.node_id = o.owner_node AND l.expires_at > now())
              AND EXISTS (SELECT 1 FROM node_leases l WHERE l.node_id = @me AND l.expires_at > now())
            RETURNING o.id
            """, r => new OrderId(Guid.Parse(r.GetString(0))), ct, ("me", NodeId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderId>> ListOwnedWorkAsync(CancellationToken ct = default) =>
        await QueryAsync($"""
            SELECT id FROM orders WHERE row_no IN ({Work("owner_node = @me")}) ORDER BY row_no
            """, r => new OrderId(Guid.Parse(r.GetString(0))), ct, ("me", NodeId)).ConfigureAwait(false);

    // The orders that need a node's work: open, in doubt, or short of their fills (filled_quantity, the venue's
    // totals, above the quantity of the stored fills). One arm per partial index that holds each kind, so a pass
    // reads those few orders and never the store's history.
    private static string Work(string owner) => $"""
        SELECT row_no FROM orders WHERE {owner} AND status NOT IN {PostgresSql.Terminal}
        UNION ALL SELECT row_no FROM orders WHERE {owner} AND in_doubt_since IS NOT NULL
        UNION ALL SELECT row_no FROM orders WHERE {owner} AND {OrderRow.ShortOfFills}
        """;

    public async Task<bool> OwnsAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync("SELECT owner_node = @me FROM orders WHERE id = @id", r => r.GetBoolean(0), ct,
            ("me", NodeId), ("id", id.ToString())).ConfigureAwait(false)).FirstOrDefault();

    public async Task<long?> VersionOfAsync(OrderId id, CancellationToken ct = default) =>
        (await QueryAsync("SELECT version FROM orders WHERE id = @id", r => (long?)r.GetInt64(0), ct,
            ("id", id.ToString())).ConfigureAwait(false)).FirstOrDefault();

    public async Task ReleaseAsync(CancellationToken ct = default) =>
        await QueryAsync("UPDATE node_leases SET expires_at = now() "
            + "- interval '1 second' WHERE node_id = @me RETURNING node_id",
            r => r.GetString(0), ct, ("me", NodeId)).ConfigureAwait(false);
}
