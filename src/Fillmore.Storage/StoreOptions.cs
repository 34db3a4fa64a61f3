// Store configuration (section "Fillmore:Store"; FILLMORE_DB overrides the SQLite path,
// FILLMORE_STORE picks the provider, FILLMORE_POSTGRES gives PostgreSQL's connection string).
namespace Fillmore.Storage;

public sealed class StoreOptions
{
    /// <summary>"sqlite" (embedded default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; created with its folder if missing.</summary>
    public string SqlitePath { get; set; } = "./data/fillmore.db";

    /// <summary>PostgreSQL connection string of the application role (FILLMORE_POSTGRES).</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>
    /// PostgreSQL connection string used only to apply migrations (the schema owner); when unset,
    /// the application's own connection string migrates. See docs/deployment.md.
    /// </summary>
    public string? PostgresMigrationConnectionString { get; set; }

    /// <summary>This node's name among several sharing one PostgreSQL store (FILLMORE_NODE_ID); default: host name and
    /// process id.</summary>
    public string? NodeId { get; set; }

    /// <summary>How long a node's lease on its in-flight orders lasts without renewal before another node may claim
    /// them.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How many hash chains the audit trail is partitioned into (Fillmore:Audit:Partitions,
    /// FILLMORE_AUDIT_PARTITIONS); fixed in the store when it is first used (docs/audit.md).</summary>
    public int AuditPartitions { get; set; } = Fillmore.Core.Audit.AuditPartitioner.DefaultPartitions;

    /// <summary>Most changes committed in one transaction (one fsync).</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>Benchmarks only (the journal prototype, whose journal is the durable record): the SQLite writer
    /// commits with synchronous=NORMAL instead of FULL. In WAL mode that cannot corrupt the file, but a power loss
    /// may drop the last commits, so the product never sets it.</summary>
    internal bool SynchronousNormal { get; set; }

    /// <summary>Benchmarks only (the journal prototype's projection): the SQLite writer's page cache in KiB
    /// instead of SQLite's default 2 MiB, to measure whether large projection batches spill dirty pages.</summary>
    internal int? WriterCacheKiB { get; set; }
}
