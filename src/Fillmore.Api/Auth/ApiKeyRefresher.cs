// Keeps ApiKeyCache in line with the store: loaded before the host listens (so created keys work
// from the first request after a restart), then every half second the uses noted are written and
// the keys read again, so that a key revoked through any node stops working here within a second.
// The table is small (one row per key ever created): a full read is cheaper than tracking changes.
namespace Fillmore.Api.Auth;

using Fillmore.Api.Security;
using Fillmore.Core.Ports;

public sealed partial class ApiKeyRefresher(ApiKeyCache cache, IApiKeyStore keys, IOrderStore store,
    DataKeyRing ring, FieldCipher cipher, TimeProvider time, ILogger<ApiKeyRefresher> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var periodic = new PeriodicTimer(Interval, time);
        try
        {
            while (await periodic.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try { await RefreshAsync(stoppingToken).ConfigureAwait(false); }
                catch (Exception ex) when (ex is not OperationCanceledException) { LogRefreshFailed(log, ex); }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Writes the uses noted, then reads every key again.</summary>
    public async Task RefreshAsync(CancellationToken ct)
    {
        var uses = cache.TakeUses();
        if (uses.Count > 0) await store.CommitAsync(new ApiKeyUse(uses), ct).ConfigureAwait(false);
        await LoadAsync(ct).ConfigureAwait(false);
    }

    private async Task LoadAsync(CancellationToken ct) => cache.Replace(await SealedApiKeys.OpenAllAsync(ring, cipher,
        await keys.ListApiKeysAsync(ct).ConfigureAwait(false), (key, e) => LogUnopened(log, key.Prefix, e), ct)
        .ConfigureAwait(false));

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Re-reading the API keys failed; this node keeps the keys it read last.")]
    private static partial void LogRefreshFailed(ILogger log, Exception ex);

    [LoggerMessage(Level = LogLevel.Error, EventName = "api_key.unreadable",
        Message = "The stored API key {Prefix} does not decrypt (changed in the store?); it authenticates nowhere. "
            + "Revoke it and create a new one.")]
    private static partial void LogUnopened(ILogger log, string prefix, Exception ex);
}
