namespace Berth.Core.Webhooks;

/// <summary>A webhook row: the shown settings plus the sealed secret and sealed header values (<see cref="SecretBox"/>).</summary>
public sealed record StoredWebhook(long Id, WebhookInfo Info, byte[] SealedSecret, byte[]? SealedHeaders);

/// <summary>Outcome of <see cref="IWebhookStore.CreateAsync"/>.</summary>
public enum WebhookCreateOutcome
{
    Created,
    NameTaken,
    LimitReached,
}

/// <summary>
/// Webhooks of registries. Names are unique per registry ignoring case. Thread-safe; each method is one transaction;
/// lookups return null for unknown names or ids, never throw.
/// </summary>
public interface IWebhookStore
{
    /// <summary>Creates the webhook unless its name is taken or the registry already has <paramref name="maxCount"/> webhooks (checked in the same transaction).</summary>
    Task<WebhookCreateOutcome> CreateAsync(StoredWebhook webhook, int maxCount, CancellationToken ct);

    Task<StoredWebhook?> GetAsync(long registryId, string name, CancellationToken ct);

    Task<StoredWebhook?> GetByIdAsync(long id, CancellationToken ct);

    /// <summary>The registry's webhooks ordered by name.</summary>
    Task<IReadOnlyList<StoredWebhook>> ListAsync(long registryId, CancellationToken ct);

    /// <summary>Replaces the settings, secret and headers of the webhook with <see cref="StoredWebhook.Id"/>; false when it is gone.</summary>
    Task<bool> UpdateAsync(StoredWebhook webhook, CancellationToken ct);

    /// <summary>Deletes the webhook and its delivery log; false when it did not exist.</summary>
    Task<bool> DeleteAsync(long registryId, string name, CancellationToken ct);
}
