// Signs the audit chain's head every CheckpointInterval while the chain grows (an idle chain gets
// no new checkpoint: the last one still names its head), and appends it through the store's
// writer. Several nodes on one database may each write one for the same head; that is harmless,
// each is true. A failed tick is logged and the next one tries again.
namespace Fillmore.Api.Hosting;

using Fillmore.Core.Audit;
using Fillmore.Core.Ports;
using Microsoft.Extensions.Options;

public sealed partial class AuditCheckpointWriter(IOrderStore store, AuditCheckpointSigner signer, TimeProvider time,
    IOptions<AuditCheckpointOptions> options, ILogger<AuditCheckpointWriter> log) : BackgroundService
{
    private long _signedHeadId = -1;
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

    /// <summary>Signs and stores the head if it moved since the last checkpoint; returns the new checkpoint's
    /// head id, or null when there was nothing to sign.</summary>
    public async Task<long?> WriteIfMovedAsync(IAuditCheckpointStore checkpoints, CancellationToken ct)
    {
        try
        {
            if (_signedHeadId < 0)
                _signedHeadId = (await checkpoints.LatestCheckpointAsync(ct).ConfigureAwait(false))?.HeadId ?? 0;
            if (await checkpoints.ReadAuditHeadAsync(ct).ConfigureAwait(false) is not { } head
                || head.Id == _signedHeadId) return null;
            var result = await store.CommitAsync(new CheckpointChange(signer.Sign(head.Id, head.Hash,
                time.GetUtcNow())), ct).ConfigureAwait(false);
            if (!result.Ok) return null;
            _signedHeadId = head.Id;
            return head.Id;
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
