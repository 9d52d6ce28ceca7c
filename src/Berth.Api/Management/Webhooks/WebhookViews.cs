using Berth.Core.Webhooks;

namespace Berth.Api.Management.Webhooks;

/// <summary>Request and response bodies of the webhook endpoints: <c>status</c> enabled|disabled and <c>format</c> acr|cloudevents, as ACR spells them.</summary>
public static class WebhookViews
{
    public const string Enabled = "enabled";
    public const string Disabled = "disabled";

    /// <summary>A webhook; custom headers by name only, the secret never.</summary>
    public sealed record WebhookView(string Name, string ServiceUri, IReadOnlyList<string> Actions, string Scope, string Status, string Format, IReadOnlyList<string> CustomHeaders, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
    {
        public static WebhookView Of(WebhookInfo w) =>
            new(w.Name, w.ServiceUri, w.Actions, w.Scope, w.Enabled ? Enabled : Disabled, FormatName(w.Format), w.CustomHeaders, w.CreatedAt, w.UpdatedAt);
    }

    /// <summary>The creation response: the only one that carries <see cref="Secret"/>.</summary>
    public sealed record CreatedView(string Name, string ServiceUri, IReadOnlyList<string> Actions, string Scope, string Status, string Format, IReadOnlyList<string> CustomHeaders, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret)
    {
        public static CreatedView Of(CreatedWebhook created)
        {
            var v = WebhookView.Of(created.Webhook);
            return new(v.Name, v.ServiceUri, v.Actions, v.Scope, v.Status, v.Format, v.CustomHeaders, v.CreatedAt, v.UpdatedAt, created.Secret);
        }
    }

    public sealed record DeliveryView(long Id, long? EventId, string Action, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset? NextAttemptAt, int? StatusCode, long? LatencyMs, string? Response, string? Error)
    {
        public static DeliveryView Of(WebhookDelivery d) =>
            new(d.Id, d.EventId, d.Action, d.Status.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.LastAttemptAt, d.NextAttemptAt, d.StatusCode, d.LatencyMs, d.Response, d.Error);
    }

    public sealed record CreateWebhookRequest(string? Name, string? ServiceUri, IReadOnlyList<string>? Actions, string? Scope, string? Status, string? Format, Dictionary<string, string>? CustomHeaders);

    /// <summary>Absent members stay as they are; <c>customHeaders</c> replaces all headers when present (<c>{}</c> removes them).</summary>
    public sealed record UpdateWebhookRequest(string? ServiceUri, IReadOnlyList<string>? Actions, string? Scope, string? Status, string? Format, Dictionary<string, string>? CustomHeaders);

    public static string FormatName(WebhookFormat format) => format == WebhookFormat.CloudEvents ? "cloudevents" : "acr";

    /// <summary>Null input is "unchanged"; an unknown value is an error message.</summary>
    public static (bool? Enabled, WebhookFormat? Format, string? Problem) Parse(string? status, string? format)
    {
        bool? enabled = status switch
        {
            null => null,
            Enabled => true,
            Disabled => false,
            _ => null,
        };
        if (status is not null && enabled is null)
        {
            return (null, null, $"status must be {Enabled} or {Disabled}");
        }

        WebhookFormat? parsed = format switch
        {
            null => null,
            "acr" => WebhookFormat.Acr,
            "cloudevents" => WebhookFormat.CloudEvents,
            _ => null,
        };
        return format is not null && parsed is null ? (null, null, "format must be acr or cloudevents") : (enabled, parsed, null);
    }
}
