using System.Collections.Concurrent;
using System.Threading.Channels;
using Berth.Core.Registry;
using Berth.Core.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// The bounded in-memory queue of manifests to scan, in front of <see cref="ScanWorkers"/>. A manifest waits at
/// most once (queuing it again while it waits is a no-op). Every queued manifest is first marked queued in the
/// store, so a stop or a full queue loses nothing: <see cref="ScanWorkers"/> queues unfinished records again at
/// start and every rescan run. Thread-safe.
/// </summary>
public sealed partial class ScanQueue
{
    private readonly ConcurrentDictionary<ScanTarget, byte> _waiting = new();
    private readonly Channel<ScanTarget> _channel;
    private readonly ManifestService _manifests;
    private readonly IScanStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<ScanQueue> _logger;

    public ScanQueue(ManifestService manifests, IScanStore store, TimeProvider time, IOptions<ScanningOptions> options, ILogger<ScanQueue> logger)
    {
        _manifests = manifests;
        _store = store;
        _time = time;
        _logger = logger;
        _channel = Channel.CreateBounded<ScanTarget>(new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>Manifests waiting (not yet picked up by a worker).</summary>
    public int Waiting => _waiting.Count;

    /// <summary>
    /// Marks a scannable manifest queued (recording its pusher) and queues it. False when the manifest is gone or
    /// not scannable (<see cref="Scannable"/>).
    /// </summary>
    public async Task<bool> QueueAsync(ScanTarget target, string? pushedBy, CancellationToken ct)
    {
        var manifest = await _manifests.GetAsync(target.RegistryId, target.Repository, target.Manifest.ToString(), ct);
        if (manifest is null || !Scannable.Is(manifest))
        {
            return false;
        }

        if (!await _store.MarkQueuedAsync(target, pushedBy, _time.GetUtcNow(), ct))
        {
            return false;
        }

        Enqueue(target);
        return true;
    }

    /// <summary>Queues a manifest already marked queued in the store.</summary>
    internal void Enqueue(ScanTarget target)
    {
        if (!_waiting.TryAdd(target, 0))
        {
            return;
        }

        if (!_channel.Writer.TryWrite(target))
        {
            _waiting.TryRemove(target, out _);
            LogQueueFull(target.ToString());
        }
    }

    /// <summary>The next manifest to scan; waits until there is one.</summary>
    internal async ValueTask<ScanTarget> TakeAsync(CancellationToken ct)
    {
        var target = await _channel.Reader.ReadAsync(ct);
        _waiting.TryRemove(target, out _);
        return target;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scan queue full: {Target} stays queued and is picked up by the next rescan run")]
    private partial void LogQueueFull(string target);
}
