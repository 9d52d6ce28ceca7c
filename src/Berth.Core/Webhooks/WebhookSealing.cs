using System.Text.Json;

namespace Berth.Core.Webhooks;

/// <summary>Seals a webhook's secret and header values for the store and opens them for delivery. Thread-safe.</summary>
public sealed class WebhookSealing(SecretBox box)
{
    public byte[] SealSecret(string secret) => box.Seal(secret);

    /// <summary>Null for no headers.</summary>
    public byte[]? SealHeaders(IReadOnlyDictionary<string, string> headers) =>
        headers.Count == 0 ? null : box.Seal(JsonSerializer.Serialize(headers));

    /// <summary>The webhook with its secret and header values opened.</summary>
    public WebhookTarget Open(StoredWebhook stored)
    {
        var headers = stored.SealedHeaders is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(box.Open(stored.SealedHeaders)) ?? [];
        return new WebhookTarget(stored.Id, stored.Info, box.Open(stored.SealedSecret), headers);
    }
}
