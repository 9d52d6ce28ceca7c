using Berth.Core.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// The scan worker pool: <see cref="ScanningOptions.Concurrency"/> loops taking manifests from the
/// <see cref="ScanQueue"/>. At start it queues again what a previous run left queued or running. Start once;
/// dispose to stop (a scan in progress is cancelled and stays queued in the store for the next start).
/// </summary>
public sealed partial class ScanWorkers(
    ScanQueue queue,
    IManifestScanner scanner,
    IScanStore store,
    PushYield pushes,
    IOptions<ScanningOptions> options,
    TimeProvider time,
    ILogger<ScanWorkers> logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private int _disposed;

    public void Start()
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        _loops.Add(Task.Run(() => RequeueUnfinishedAsync(_stop.Token)));
        for (var i = 0; i < options.Value.Concurrency; i++)
        {
            _loops.Add(Task.Run(() => LoopAsync(_stop.Token)));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await Task.WhenAll(_loops);
        _stop.Dispose();
    }

    /// <summary>Queues every record left queued or running (after a stop, or when the queue was full).</summary>
    public async Task RequeueUnfinishedAsync(CancellationToken ct)
    {
        try
        {
            foreach (var target in await store.ListUnfinishedAsync(ct))
            {
                queue.Enqueue(target);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            ScanTarget target;
            try
            {
                target = await queue.TakeAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await pushes.WaitAsync(ct);
                await scanner.ScanAsync(target, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogScanFailed(e, target.ToString());
                await store.FailAsync(target, $"scan failed unexpectedly: {e.GetType().Name}: {e.Message}", time.GetUtcNow(), CancellationToken.None);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scan of {Target} failed unexpectedly")]
    private partial void LogScanFailed(Exception exception, string target);
}
