// Store configuration (section "Fillmore:Store"; FILLMORE_DB overrides the SQLite path).
namespace Fillmore.Storage;

public sealed class StoreOptions
{
    /// <summary>"sqlite" (embedded default) or "postgres".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The SQLite database file; created with its folder if missing.</summary>
    public string SqlitePath { get; set; } = "./data/fillmore.db";

    /// <summary>Most changes committed in one transaction (one fsync).</summary>
    public int MaxBatch { get; set; } = 256;
}
