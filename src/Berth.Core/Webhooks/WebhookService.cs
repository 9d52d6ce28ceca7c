using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Secrets;
using Berth.Core.Registries;
using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

/// <summary>A webhook just created, with its signing secret: the only time the secret is shown.</summary>
public sealed record CreatedWebhook(WebhookInfo Webhook, string Secret);

/// <summary>
/// Managing webhooks: validation (name, URI, actions, scope, headers, the address guard), the SKU's count limit,
/// sealing of secrets and header values, audit entries, pings and the delivery log. Thread-safe.
/// </summary>
public sealed class WebhookService(
    IWebhookStore store,
    IWebhookDeliveryStore deliveries,
    IRegistryDirectory registries,
    IOptions<SkuOptions> skus,
    WebhookSealing sealing,
    AddressGuard guard,
    WebhookSender sender,
    IAuditLog audit,
    AuditEntries entries,
    TimeProvider time)
{
    public const int MaxLogPage = 1000;

    public async Task<WebhookResult<CreatedWebhook>> CreateAsync(long registryId, string name, WebhookSpec spec, Principal actor, CancellationToken ct)
    {
        var problem = WebhookRules.CheckName(name) ?? WebhookRules.CheckServiceUri(spec.ServiceUri) ?? WebhookRules.CheckActions(spec.Actions)
            ?? WebhookRules.CheckScope(spec.Scope) ?? WebhookRules.CheckHeaders(spec.Headers) ?? await guard.CheckAsync(new Uri(spec.ServiceUri!), ct);
        if (problem is not null)
        {
            return Invalid(problem);
        }

        if (await registries.FindByIdAsync(registryId, ct) is not { } registry)
        {
            return new WebhookProblem(WebhookProblemKind.NotFound, $"registry {registryId} does not exist");
        }

        var now = time.GetUtcNow();
        var headers = spec.Headers ?? new Dictionary<string, string>();
        var info = new WebhookInfo(name, registryId, spec.ServiceUri!, Distinct(spec.Actions!), spec.Scope ?? "", spec.Enabled ?? true, spec.Format ?? WebhookFormat.Acr, [.. headers.Keys.Order(StringComparer.OrdinalIgnoreCase)], now, now);
        var secret = SecretGenerator.NewSecret();
        var limit = skus.Value.For(registry.Sku).Webhooks;
        switch (await store.CreateAsync(new StoredWebhook(0, info, sealing.SealSecret(secret), sealing.SealHeaders(headers)), limit, ct))
        {
            case WebhookCreateOutcome.NameTaken:
                return new WebhookProblem(WebhookProblemKind.Conflict, $"webhook '{name}' already exists");
            case WebhookCreateOutcome.LimitReached:
                return new WebhookProblem(WebhookProblemKind.LimitReached, $"registry '{registry.Name}' ({registry.Sku}) allows at most {limit} webhooks; delete one or change the SKU");
        }

        await AuditAsync("webhook.create", actor, info, ct);
        return new CreatedWebhook(info, secret);
    }

    public async Task<WebhookResult<WebhookInfo>> UpdateAsync(long registryId, string name, WebhookSpec spec, Principal actor, CancellationToken ct)
    {
        if (await store.GetAsync(registryId, name, ct) is not { } current)
        {
            return Missing(name);
        }

        var problem = (spec.ServiceUri is null ? null : WebhookRules.CheckServiceUri(spec.ServiceUri))
            ?? (spec.Actions is null ? null : WebhookRules.CheckActions(spec.Actions))
            ?? WebhookRules.CheckScope(spec.Scope) ?? WebhookRules.CheckHeaders(spec.Headers)
            ?? (spec.ServiceUri is null ? null : await guard.CheckAsync(new Uri(spec.ServiceUri), ct));
        if (problem is not null)
        {
            return Invalid(problem);
        }

        var old = current.Info;
        var info = old with
        {
            ServiceUri = spec.ServiceUri ?? old.ServiceUri,
            Actions = spec.Actions is null ? old.Actions : Distinct(spec.Actions),
            Scope = spec.Scope ?? old.Scope,
            Enabled = spec.Enabled ?? old.Enabled,
            Format = spec.Format ?? old.Format,
            CustomHeaders = spec.Headers is null ? old.CustomHeaders : [.. spec.Headers.Keys.Order(StringComparer.OrdinalIgnoreCase)],
            UpdatedAt = time.GetUtcNow(),
        };
        var updated = current with { Info = info, SealedHeaders = spec.Headers is null ? current.SealedHeaders : sealing.SealHeaders(spec.Headers) };
        if (!await store.UpdateAsync(updated, ct))
        {
            return Missing(name);
        }

        await AuditAsync("webhook.update", actor, info, ct);
        return info;
    }

    public async Task<WebhookInfo?> GetAsync(long registryId, string name, CancellationToken ct) =>
        (await store.GetAsync(registryId, name, ct))?.Info;

    public async Task<IReadOnlyList<WebhookInfo>> ListAsync(long registryId, CancellationToken ct) =>
        [.. (await store.ListAsync(registryId, ct)).Select(w => w.Info)];

    public async Task<bool> DeleteAsync(long registryId, string name, Principal actor, CancellationToken ct)
    {
        if (await store.GetAsync(registryId, name, ct) is not { } current || !await store.DeleteAsync(registryId, name, ct))
        {
            return false;
        }

        await AuditAsync("webhook.delete", actor, current.Info, ct);
        return true;
    }

    /// <summary>Sends a ping now (also to a disabled webhook), logs it and returns the logged delivery.</summary>
    public async Task<WebhookResult<WebhookDelivery>> PingAsync(long registryId, string name, CancellationToken ct)
    {
        if (await store.GetAsync(registryId, name, ct) is not { } stored || await registries.FindByIdAsync(registryId, ct) is not { } registry)
        {
            return Missing(name);
        }

        var target = sealing.Open(stored);
        var body = WebhookPayloads.ForPing(stored.Info.Format, registry.Name, time.GetUtcNow());
        var delivery = new NewDelivery(stored.Id, registryId, null, WebhookPayloads.PingAction, WebhookPayloads.ContentType(stored.Info.Format), body);
        var attempt = await sender.SendAsync(target, delivery.ContentType, body, ct);
        var finished = attempt with { Status = attempt.Status == DeliveryStatus.Delivered ? DeliveryStatus.Delivered : DeliveryStatus.Failed };
        var id = await deliveries.AddFinishedAsync(delivery, finished, ct);
        return (await deliveries.ListAsync(stored.Id, MaxLogPage, ct)).First(d => d.Id == id);
    }

    /// <summary>The webhook's delivery log, newest first; null when the webhook does not exist.</summary>
    public async Task<IReadOnlyList<WebhookDelivery>?> ListDeliveriesAsync(long registryId, string name, int limit, CancellationToken ct) =>
        await store.GetAsync(registryId, name, ct) is { } stored ? await deliveries.ListAsync(stored.Id, Math.Clamp(limit, 1, MaxLogPage), ct) : null;

    private static List<string> Distinct(IReadOnlyList<string> actions) => [.. actions.Distinct(StringComparer.Ordinal)];

    // The service URI may carry a token in its query, so the audit detail leaves it out.
    private Task AuditAsync(string action, Principal actor, WebhookInfo info, CancellationToken ct) =>
        audit.AppendAsync(entries.Change(action, actor, $"/registries/{info.RegistryId}/webhooks/{info.Name}", $"actions={string.Join(',', info.Actions)} scope={info.Scope} enabled={info.Enabled}"), ct);

    private static WebhookProblem Invalid(string message) => new(WebhookProblemKind.Invalid, message);

    private static WebhookProblem Missing(string name) => new(WebhookProblemKind.NotFound, $"no webhook '{name}'");
}
