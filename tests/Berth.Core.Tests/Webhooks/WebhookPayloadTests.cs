using System.Text.Json;
using Berth.Core.Events;
using Berth.Core.Webhooks;

namespace Berth.Core.Tests.Webhooks;

public sealed class WebhookPayloadTests
{
    private static readonly RegistryEvent Delete = new(
        42, 1, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), EventActions.Delete,
        new EventTarget("app", "sha256:ab", "application/vnd.oci.image.manifest.v1+json", 7), new EventRequest("r1", "reg.example", "DELETE", null), "alice", null);

    [Fact]
    public void ACR_payloads_leave_absent_members_out_and_never_name_the_actor()
    {
        var json = JsonDocument.Parse(WebhookPayloads.ForEvent(WebhookFormat.Acr, "default", Delete)).RootElement;

        Assert.Equal("42", json.GetProperty("id").GetString());
        Assert.Equal("2026-01-02T03:04:05Z", json.GetProperty("timestamp").GetString());
        Assert.Equal(["mediaType", "size", "digest", "length", "repository"], json.GetProperty("target").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "host", "method"], json.GetProperty("request").EnumerateObject().Select(p => p.Name));
        Assert.DoesNotContain("alice", json.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public void CloudEvents_subjects_name_the_digest_when_there_is_no_tag_and_pings_have_no_target()
    {
        var envelope = JsonDocument.Parse(WebhookPayloads.ForEvent(WebhookFormat.CloudEvents, "myreg", Delete)).RootElement;
        Assert.Equal("app@sha256:ab", envelope.GetProperty("subject").GetString());
        Assert.Equal("com.berth.registry.delete", envelope.GetProperty("type").GetString());
        Assert.Equal("/registries/myreg", envelope.GetProperty("source").GetString());

        var ping = JsonDocument.Parse(WebhookPayloads.ForPing(WebhookFormat.Acr, "myreg", Delete.Timestamp)).RootElement;
        Assert.Equal(["id", "timestamp", "action"], ping.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ping", ping.GetProperty("action").GetString());
    }
}
