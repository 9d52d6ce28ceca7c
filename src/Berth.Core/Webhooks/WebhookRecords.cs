namespace Berth.Core.Webhooks;

/// <summary>The body a webhook sends: ACR's event payload, or a CloudEvents 1.0 structured-mode envelope around it.</summary>
public enum WebhookFormat
{
    Acr,
    CloudEvents,
}

/// <summary>
/// A webhook as shown to administrators: custom header names only (values may carry credentials), never the
/// signing secret. <see cref="Scope"/> is empty for the whole registry.
/// </summary>
public sealed record WebhookInfo(
    string Name,
    long RegistryId,
    string ServiceUri,
    IReadOnlyList<string> Actions,
    string Scope,
    bool Enabled,
    WebhookFormat Format,
    IReadOnlyList<string> CustomHeaders,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>What a create sets, or an update changes (null members stay as they are on update).</summary>
/// <param name="Headers">Custom headers; on update they replace all existing ones.</param>
public sealed record WebhookSpec(
    string? ServiceUri = null,
    IReadOnlyList<string>? Actions = null,
    string? Scope = null,
    bool? Enabled = null,
    WebhookFormat? Format = null,
    IReadOnlyDictionary<string, string>? Headers = null);

/// <summary>A webhook with what delivery needs: its id, secret and header values (never leaves the server).</summary>
public sealed record WebhookTarget(long Id, WebhookInfo Info, string Secret, IReadOnlyDictionary<string, string> Headers);

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt or a retry.</summary>
    Pending,
    Delivered,

    /// <summary>Retries ran out (<see cref="WebhookOptions.RetryWindow"/>), or a ping failed.</summary>
    Failed,
}

/// <summary>
/// One delivery of one event to one webhook, with its last attempt: HTTP status (null when no response came),
/// latency, the first bytes of the response (at most <see cref="WebhookDispatcher.ExcerptBytes"/>) and the error.
/// </summary>
public sealed record WebhookDelivery(
    long Id,
    string Webhook,
    long? EventId,
    string Action,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    int? StatusCode,
    long? LatencyMs,
    string? Response,
    string? Error);

/// <summary>A webhook management failure callers can fix; the API maps <see cref="Kind"/> to a status.</summary>
public sealed record WebhookProblem(WebhookProblemKind Kind, string Message);

public enum WebhookProblemKind
{
    Invalid,
    NotFound,
    Conflict,

    /// <summary>The registry's SKU allows no more webhooks.</summary>
    LimitReached,
}

/// <summary>A value or a <see cref="WebhookProblem"/>: expected failures are results, not exceptions.</summary>
public readonly record struct WebhookResult<T>(T? Value, WebhookProblem? Problem)
{
    public bool Ok => Problem is null;

    public static implicit operator WebhookResult<T>(T value) => new(value, null);

    public static implicit operator WebhookResult<T>(WebhookProblem problem) => new(default, problem);
}
