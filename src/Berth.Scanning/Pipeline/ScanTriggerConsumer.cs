using Berth.Core.Events;
using Berth.Core.Oci;
using Berth.Core.Scanning;
using Microsoft.Extensions.Options;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Scan on push and on import (Defender's first trigger): reads <c>push</c> and <c>import</c> events from the
/// outbox with its own cursor and queues the manifest. The push request only appended its event, so scanning never
/// slows it down; during a burst of pushes the consumer waits for a pause (<see cref="PushYield"/>) and then queues
/// the whole batch, so even its bookkeeping writes stay off the pushes' way. Idempotent: a manifest handed again is
/// queued at most once. A push that the policy quarantines
/// also gets a <c>quarantine</c> event (ACR's webhook action), at least once.
/// </summary>
public sealed class ScanTriggerConsumer(ScanQueue queue, ScanPolicyService policies, IEventOutbox outbox, PushYield pushes, IOptions<ScanningOptions> options) : IEventConsumer
{
    public string Name => "scan-triggers";

    public async Task HandleAsync(IReadOnlyList<RegistryEvent> batch, CancellationToken ct)
    {
        if (!options.Value.Enabled || !batch.Any(e => e.Action is EventActions.Push or EventActions.Import))
        {
            return;
        }

        await pushes.WaitAsync(ct);

        foreach (var e in batch)
        {
            if (e.Action is not (EventActions.Push or EventActions.Import) || !Digest.TryParse(e.Target.Digest, out var digest) || !MediaTypes.IsManifest(e.Target.MediaType))
            {
                continue;
            }

            var target = new ScanTarget(e.RegistryId, e.Target.Repository, digest);
            if (await queue.QueueAsync(target, e.Actor, ct) && e.Action == EventActions.Push
                && (await policies.GetEffectiveAsync(e.RegistryId, e.Target.Repository, ct)).Policy is { Quarantine: true, QuarantineSince: { } since }
                && e.Timestamp >= since)
            {
                await outbox.AppendAsync(new NewEvent(e.RegistryId, EventActions.Quarantine, e.Target, e.Request, e.Actor), ct);
            }
        }
    }
}
