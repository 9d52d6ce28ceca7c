using Berth.Core.Events;
using Berth.Core.Oci;
using Berth.Core.Scanning;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Scan on push and on import (Defender's first trigger): reads <c>push</c> and <c>import</c> events from the
/// outbox with its own cursor and queues the manifest. The push request only appended its event, so scanning never
/// slows it down. Idempotent: a manifest handed again is queued at most once.
/// </summary>
public sealed class ScanTriggerConsumer(ScanQueue queue, IOptions<ScanningOptions> options) : IEventConsumer
{
    public string Name => "scan-triggers";

    public async Task HandleAsync(IReadOnlyList<RegistryEvent> batch, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        foreach (var e in batch)
        {
            if (e.Action is not (EventActions.Push or EventActions.Import) || !Digest.TryParse(e.Target.Digest, out var digest) || !MediaTypes.IsManifest(e.Target.MediaType))
            {
                continue;
            }

            await queue.QueueAsync(new ScanTarget(e.RegistryId, e.Target.Repository, digest), e.Actor, ct);
        }
    }
}
