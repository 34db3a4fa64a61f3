// Signs the audit trail's heads (every partition's, and the legacy segment's: a version 2
// checkpoint) every CheckpointInterval while the trail grows (an idle trail gets no new
// checkpoint: the last one still names its heads), and appends it through the store's writer.
// Several nodes on one database may each write one for the same heads, or for heads one node has
// seen move and the other not yet; that is harmless, each is true of the moment it was read.
// A failed tick is logged and the next one tries again.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Options;

public sealed partial class AuditCheckpointWriter(IOrderStore store, AuditCheckpointSigner signer, TimeProvider time,
    IOptions<AuditCheckpointOptions> options, ILogger<AuditCheckpointWriter> log) : BackgroundService
{
    private string? _signedHeadsHash;
    private long _ticks;

    /// <summary>How many intervals have been handled (a test's barrier).</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.CheckpointInterval <= TimeSpan.Zero || store is not IAuditCheckpointStore checkpoints) return;
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteIfMovedAsync(checkpoints, stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _ticks);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Signs and stores the heads if they moved since the last checkpoint; returns the new checkpoint's
    /// head id (the entries it covers), or null when there was nothing to sign.</summary>
    public async Task<long?> WriteIfMovedAsync(IAuditCheckpointStore checkpoints, CancellationToken ct)
    {
        try
        {
            _signedHeadsHash ??= (await checkpoints.LatestCheckpointAsync(ct).ConfigureAwait(false))?.HeadHash ?? "";
            var heads = await checkpoints.ReadAuditHeadsAsync(ct).ConfigureAwait(false);
            var headsHash = heads.HeadsHash;
            if (heads.Entries == 0 || headsHash == _signedHeadsHash) return null;
            var result = await store.CommitAsync(new CheckpointChange(signer.Sign(heads, time.GetUtcNow())), ct)
                .ConfigureAwait(false);
            if (!result.Ok) return null;
            _signedHeadsHash = headsHash;
            return heads.Entries;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not write an audit checkpoint; the next interval "
        + "tries again.")]
    private partial void LogFailed(Exception ex);
}
