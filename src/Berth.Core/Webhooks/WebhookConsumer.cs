using Berth.Core.Registries;
using Berth.Core.Events;

namespace Berth.Core.Webhooks;

/// <summary>
/// The outbox consumer behind webhooks: for each event with a webhook action, queues one delivery per enabled webhook
/// of the event's registry whose actions and scope match, with the body rendered now, then kicks the dispatcher.
/// Queueing is idempotent per (event, webhook), so a batch handed twice sends nothing twice.
/// </summary>
public sealed class WebhookConsumer(IWebhookStore webhooks, IWebhookDeliveryStore deliveries, IRegistryDirectory registries, WebhookDispatcher dispatcher) : IEventConsumer
{
    public const string ConsumerName = "webhooks";

    public string Name => ConsumerName;

    public async Task HandleAsync(IReadOnlyList<RegistryEvent> batch, CancellationToken ct)
    {
        var queued = new List<NewDelivery>();
        foreach (var group in batch.Where(e => WebhookRules.Actions.Contains(e.Action, StringComparer.Ordinal)).GroupBy(e => e.RegistryId))
        {
            var hooks = (await webhooks.ListAsync(group.Key, ct)).Where(w => w.Info.Enabled).ToList();
            if (hooks.Count == 0 || await registries.FindByIdAsync(group.Key, ct) is not { } registry)
            {
                continue;
            }

            foreach (var e in group)
            {
                foreach (var hook in hooks.Where(h => Matches(h.Info, e)))
                {
                    var format = hook.Info.Format;
                    queued.Add(new NewDelivery(hook.Id, e.RegistryId, e.Id, e.Action, WebhookPayloads.ContentType(format), WebhookPayloads.ForEvent(format, registry.Name, e)));
                }
            }
        }

        if (queued.Count > 0)
        {
            await deliveries.EnqueueAsync(queued, ct);
            dispatcher.Kick();
        }
    }

    // The scanner's SBOM referrers are pushes by the system, not by a user: a pipeline listening for pushes must not
    // deploy on them (docs/scan-pipeline.md).
    private static bool Matches(WebhookInfo hook, RegistryEvent e) =>
        hook.Actions.Contains(e.Action, StringComparer.Ordinal) && WebhookRules.ScopeMatches(hook.Scope, e.Target.Repository, e.Target.Tag)
        && !(e.Action == EventActions.Push && e.Request is null && e.Actor == Scanning.ScanningActors.Scanner);
}
