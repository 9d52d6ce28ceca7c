using System.Globalization;
using System.Text.Json;
using Berth.Core.Events;

namespace Berth.Core.Webhooks;

/// <summary>
/// Renders webhook bodies. ACR format: <c>{id, timestamp, action, target{mediaType,size,digest,length,repository,tag},
/// request{id,host,method,useragent}}</c> with absent members left out. CloudEvents: a 1.0 structured-mode envelope
/// (<c>type</c> <c>com.berth.registry.&lt;action&gt;</c>, <c>source</c> <c>/registries/&lt;name&gt;</c>) whose
/// <c>data</c> is the ACR payload. Pure and thread-safe.
/// </summary>
public static class WebhookPayloads
{
    public const string AcrContentType = "application/json";
    public const string CloudEventsContentType = "application/cloudevents+json; charset=utf-8";
    public const string CloudEventsTypePrefix = "com.berth.registry.";
    public const string PingAction = "ping";

    public static string ContentType(WebhookFormat format) => format == WebhookFormat.CloudEvents ? CloudEventsContentType : AcrContentType;

    /// <summary>The body for an outbox event; the payload id is the event id.</summary>
    public static byte[] ForEvent(WebhookFormat format, string registryName, RegistryEvent e) =>
        Render(format, registryName, e.Id.ToString(CultureInfo.InvariantCulture), e.Timestamp, e.Action, e.Target, e.Request);

    /// <summary>The body of a ping: no target, a fresh id.</summary>
    public static byte[] ForPing(WebhookFormat format, string registryName, DateTimeOffset at) =>
        Render(format, registryName, Guid.NewGuid().ToString(), at, PingAction, null, null);

    private static byte[] Render(WebhookFormat format, string registryName, string id, DateTimeOffset at, string action, EventTarget? target, EventRequest? request)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (format == WebhookFormat.CloudEvents)
            {
                json.WriteStartObject();
                json.WriteString("specversion", "1.0");
                json.WriteString("id", id);
                json.WriteString("source", "/registries/" + registryName);
                json.WriteString("type", CloudEventsTypePrefix + action);
                json.WriteString("time", at.UtcDateTime);
                if (target is not null)
                {
                    json.WriteString("subject", target.Tag is not null ? $"{target.Repository}:{target.Tag}" : target.Digest is not null ? $"{target.Repository}@{target.Digest}" : target.Repository);
                }

                json.WriteString("datacontenttype", "application/json");
                json.WritePropertyName("data");
                WriteAcr(json, id, at, action, target, request);
                json.WriteEndObject();
            }
            else
            {
                WriteAcr(json, id, at, action, target, request);
            }
        }

        return buffer.ToArray();
    }

    private static void WriteAcr(Utf8JsonWriter json, string id, DateTimeOffset at, string action, EventTarget? target, EventRequest? request)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("timestamp", at.UtcDateTime);
        json.WriteString("action", action);
        if (target is not null)
        {
            json.WriteStartObject("target");
            Optional(json, "mediaType", target.MediaType);
            if (target.Size is { } size)
            {
                json.WriteNumber("size", size);
            }

            Optional(json, "digest", target.Digest);
            if (target.Length is { } length)
            {
                json.WriteNumber("length", length);
            }

            json.WriteString("repository", target.Repository);
            Optional(json, "tag", target.Tag);
            json.WriteEndObject();
        }

        if (request is not null)
        {
            json.WriteStartObject("request");
            Optional(json, "id", request.Id);
            Optional(json, "host", request.Host);
            Optional(json, "method", request.Method);
            Optional(json, "useragent", request.UserAgent);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
