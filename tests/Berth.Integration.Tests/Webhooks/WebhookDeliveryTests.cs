using System.Net;
using System.Text;
using System.Text.Json;
using Berth.Core.Webhooks;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Webhooks;

/// <summary>Webhooks delivered to a real receiver on loopback: payloads, signatures, headers, retries, pings, the log.</summary>
public sealed class WebhookDeliveryTests(WebhookFixture server) : IClassFixture<WebhookFixture>, IAsyncLifetime
{
    private readonly HooksApi _api = new(server);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task A_push_is_delivered_in_ACR_shape_signed_with_the_creation_secret_and_with_custom_headers()
    {
        var repo = OciClient.NewRepo("hooks");
        var name = HooksApi.NewName();
        var created = await _api.CreateAsync(name, _receiver.Url, ["push"], scope: repo, headers: new() { ["Authorization"] = "Bearer receiver-token", ["X-Team"] = "blue" });
        var secret = created.GetProperty("secret").GetString()!;

        var (manifest, digest) = await _api.Oci.PushImageAsync(repo, "v1");

        var hook = (await _receiver.WaitForAsync(1)).Single();
        Assert.Equal("POST", hook.Method);
        Assert.Equal("/hook", hook.Path);
        Assert.Equal("application/json", hook.Header("Content-Type"));
        Assert.Equal("Bearer receiver-token", hook.Header("Authorization"));
        Assert.Equal("blue", hook.Header("X-Team"));
        Assert.True(WebhookSignature.Verify(secret, hook.Header(WebhookSignature.Header), hook.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret", hook.Header(WebhookSignature.Header), hook.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var tampered = hook.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(secret, hook.Header(WebhookSignature.Header), tampered, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        var body = hook.Json;
        Assert.Equal(["id", "timestamp", "action", "target", "request"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("push", body.GetProperty("action").GetString());
        Assert.True(long.Parse(body.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.InRange(body.GetProperty("timestamp").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
        var target = body.GetProperty("target");
        Assert.Equal("application/vnd.oci.image.manifest.v1+json", target.GetProperty("mediaType").GetString());
        Assert.Equal(manifest.Length, target.GetProperty("size").GetInt64());
        Assert.Equal(manifest.Length, target.GetProperty("length").GetInt64());
        Assert.Equal(digest, target.GetProperty("digest").GetString());
        Assert.Equal(repo, target.GetProperty("repository").GetString());
        Assert.Equal("v1", target.GetProperty("tag").GetString());
        var request = body.GetProperty("request");
        Assert.Equal("PUT", request.GetProperty("method").GetString());
        Assert.Equal(server.BaseAddress.Authority, request.GetProperty("host").GetString());
        Assert.False(string.IsNullOrEmpty(request.GetProperty("id").GetString()));

        // The log shows the delivery with its status and latency; nothing shows the secret or header values.
        var log = await _api.WaitForLogAsync(name, 1, d => d.GetProperty("status").GetString() == "delivered");
        Assert.Equal(200, log[0].GetProperty("statusCode").GetInt32());
        Assert.True(log[0].GetProperty("latencyMs").GetInt64() >= 0);
        Assert.Equal("receiver answer 1", log[0].GetProperty("response").GetString());
        Assert.Equal(1, log[0].GetProperty("attempts").GetInt32());
        var shown = await _api.GetAsync("/" + name);
        Assert.Equal(["Authorization", "X-Team"], shown.GetProperty("customHeaders").EnumerateArray().Select(h => h.GetString()));
        var listed = (await _api.GetAsync("")).GetRawText();
        foreach (var text in new[] { shown.GetRawText(), listed })
        {
            Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("receiver-token", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"secret\"", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CloudEvents_format_wraps_the_ACR_payload_in_a_structured_envelope()
    {
        var repo = OciClient.NewRepo("hooks");
        await _api.CreateAsync(HooksApi.NewName(), _receiver.Url, ["push"], scope: repo, format: "cloudevents");

        var (_, digest) = await _api.Oci.PushImageAsync(repo, "v2");

        var hook = (await _receiver.WaitForAsync(1)).Single();
        Assert.StartsWith("application/cloudevents+json", hook.Header("Content-Type"), StringComparison.Ordinal);
        var envelope = hook.Json;
        Assert.Equal("1.0", envelope.GetProperty("specversion").GetString());
        Assert.Equal("com.berth.registry.push", envelope.GetProperty("type").GetString());
        Assert.Equal("/registries/default", envelope.GetProperty("source").GetString());
        Assert.Equal($"{repo}:v2", envelope.GetProperty("subject").GetString());
        Assert.Equal("application/json", envelope.GetProperty("datacontenttype").GetString());
        var data = envelope.GetProperty("data");
        Assert.Equal(envelope.GetProperty("id").GetString(), data.GetProperty("id").GetString());
        Assert.Equal(digest, data.GetProperty("target").GetProperty("digest").GetString());
        Assert.Equal("push", data.GetProperty("action").GetString());
    }

    [Fact]
    public async Task A_failing_receiver_gets_the_same_delivery_again_until_it_answers_2xx()
    {
        var repo = OciClient.NewRepo("hooks");
        var name = HooksApi.NewName();
        _receiver.Respond = n => n <= 2 ? 500 : 204;
        await _api.CreateAsync(name, _receiver.Url, ["push"], scope: repo);

        await _api.Oci.PushImageAsync(repo, "v1");

        var log = await _api.WaitForLogAsync(name, 1, d => d.GetProperty("status").GetString() == "delivered");
        Assert.Equal(3, log[0].GetProperty("attempts").GetInt32());
        Assert.Equal(204, log[0].GetProperty("statusCode").GetInt32());
        var attempts = _receiver.Received;
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
    }

    [Fact]
    public async Task Scope_filters_pick_repositories_and_tags_and_a_disabled_webhook_gets_nothing()
    {
        var team = "hooks/s" + Guid.NewGuid().ToString("N")[..10];
        var exact = HooksApi.NewName();
        var wildcard = HooksApi.NewName();
        var disabled = HooksApi.NewName();
        await using var other = await WebhookReceiver.StartAsync();
        await _api.CreateAsync(exact, _receiver.Url, ["push", "delete"], scope: $"{team}/app:v1");
        await _api.CreateAsync(wildcard, other.Url, ["push"], scope: $"{team}/*:release-*");
        await _api.CreateAsync(disabled, other.Url, ["push"], scope: $"{team}/app", status: "disabled");

        // A rejected push (missing blob) appends no event and sends nothing.
        var missing = OciClient.ImageManifest(new { mediaType = "application/vnd.oci.image.config.v1+json", digest = OciClient.Digest([1, 2, 3]), size = 3 }, []);
        using (var rejected = await _api.Oci.PutManifestAsync($"{team}/app", "v1", missing, "application/vnd.oci.image.manifest.v1+json"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        }

        await _api.Oci.PushImageAsync($"{team}/app", "v2");
        await _api.Oci.PushImageAsync($"{team}/other", "v1");
        await _api.Oci.PushImageAsync($"{team}/api", "release-1");
        var (_, last) = await _api.Oci.PushImageAsync($"{team}/app", "v1");

        // Events are handled in order, so once the last matching push arrived the earlier ones were handled too.
        var got = await _receiver.WaitForAsync(1);
        var released = await other.WaitForAsync(1);
        Assert.Equal(last, Assert.Single(got).Json.GetProperty("target").GetProperty("digest").GetString());
        Assert.Equal($"{team}/api", Assert.Single(released).Json.GetProperty("target").GetProperty("repository").GetString());
        Assert.Empty((await _api.GetAsync($"/{disabled}/events")).EnumerateArray());

        // Untagging sends nothing (ACR's delete is a manifest delete); deleting the manifest sends a delete without a tag.
        using (var untag = await _api.Oci.Http.DeleteAsync($"/v2/{team}/app/manifests/v2"))
        {
            Assert.Equal(HttpStatusCode.Accepted, untag.StatusCode);
        }

        using (var delete = await _api.Oci.Http.DeleteAsync($"/v2/{team}/app/manifests/{last}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        }

        // A delete carries no tag, so the exact scope (with a tag) did not match it: the next matching push comes next.
        var (_, sentinel) = await _api.Oci.PushImageAsync($"{team}/app", "v1");
        var afterDelete = await _receiver.WaitForAsync(2);
        Assert.Equal(2, afterDelete.Count);
        Assert.Equal(sentinel, afterDelete[1].Json.GetProperty("target").GetProperty("digest").GetString());

        // With a repository scope the delete matches.
        await _api.PatchAsync(exact, new { scope = $"{team}/app" });
        var (_, again) = await _api.Oci.PushImageAsync($"{team}/app", "v3");
        using (var delete = await _api.Oci.Http.DeleteAsync($"/v2/{team}/app/manifests/{again}"))
        {
            Assert.Equal(HttpStatusCode.Accepted, delete.StatusCode);
        }

        var all = await _receiver.WaitForAsync(4);
        var deleted = all[3].Json;
        Assert.Equal("push", all[2].Json.GetProperty("action").GetString());
        Assert.Equal("delete", deleted.GetProperty("action").GetString());
        Assert.Equal(again, deleted.GetProperty("target").GetProperty("digest").GetString());
        Assert.False(deleted.GetProperty("target").TryGetProperty("tag", out _));
        Assert.Equal("DELETE", deleted.GetProperty("request").GetProperty("method").GetString());
    }

    [Fact]
    public async Task Ping_sends_now_and_reports_what_the_receiver_answered()
    {
        var name = HooksApi.NewName();
        var created = await _api.CreateAsync(name, _receiver.Url, ["push"], scope: "nothing/matches/this");
        using var response = await _api.Owner.PostAsync($"{HooksApi.Base}/{name}/ping", null);
        var delivery = await Auth.AuthApi.ExpectAsync(response, HttpStatusCode.OK);

        Assert.Equal("delivered", delivery.GetProperty("status").GetString());
        Assert.Equal("ping", delivery.GetProperty("action").GetString());
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
        var hook = Assert.Single(_receiver.Received);
        Assert.Equal("ping", hook.Json.GetProperty("action").GetString());
        Assert.True(WebhookSignature.Verify(created.GetProperty("secret").GetString()!, hook.Header(WebhookSignature.Header), hook.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

        _receiver.Respond = _ => 503;
        using var failing = await _api.Owner.PostAsync($"{HooksApi.Base}/{name}/ping", null);
        var failed = await Auth.AuthApi.ExpectAsync(failing, HttpStatusCode.OK);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(503, failed.GetProperty("statusCode").GetInt32());
        var log = (await _api.GetAsync($"/{name}/events")).EnumerateArray().ToList();
        Assert.Equal(["failed", "delivered"], log.Select(d => d.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Invalid_settings_are_refused_with_400_and_a_taken_name_with_409_and_nothing_is_stored()
    {
        var url = _receiver.Url.ToString();
        var cases = new object[]
        {
            new { name = "abcd", serviceUri = url, actions = new[] { "push" } },
            new { name = "has-dash1", serviceUri = url, actions = new[] { "push" } },
            new { name = HooksApi.NewName(), serviceUri = "ftp://example.com/x", actions = new[] { "push" } },
            new { name = HooksApi.NewName(), serviceUri = url, actions = new[] { "pull" } },
            new { name = HooksApi.NewName(), serviceUri = url, actions = Array.Empty<string>() },
            new { name = HooksApi.NewName(), serviceUri = url, actions = new[] { "push" }, scope = "Bad Scope" },
            new { name = HooksApi.NewName(), serviceUri = url, actions = new[] { "push" }, format = "xml" },
            new { name = HooksApi.NewName(), serviceUri = "http://169.254.169.254/latest/meta-data", actions = new[] { "push" } },
            new { name = HooksApi.NewName(), serviceUri = "http://[fe80::1]/x", actions = new[] { "push" } },
        };
        var before = (await _api.GetAsync("")).GetArrayLength();
        foreach (var body in cases)
        {
            using var response = await _api.PostAsync(body);
            await Auth.AuthApi.AssertApiErrorAsync(response, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        var name = HooksApi.NewName();
        await _api.CreateAsync(name, _receiver.Url, ["push"]);
        using (var taken = await _api.PostAsync(new { name = name.ToUpperInvariant(), serviceUri = url, actions = new[] { "push" } }))
        {
            await Auth.AuthApi.AssertApiErrorAsync(taken, HttpStatusCode.Conflict, "Conflict");
        }

        using (var badUpdate = await _api.Owner.PatchAsync($"{HooksApi.Base}/{name}", Auth.AuthApi.Json(new { serviceUri = "http://169.254.169.254/" })))
        {
            await Auth.AuthApi.AssertApiErrorAsync(badUpdate, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        Assert.Equal(url, (await _api.GetAsync("/" + name)).GetProperty("serviceUri").GetString());
        Assert.Equal(before + 1, (await _api.GetAsync("")).GetArrayLength());
        using var missing = await _api.Owner.GetAsync($"{HooksApi.Base}/nosuchhook/events");
        await Auth.AuthApi.AssertApiErrorAsync(missing, HttpStatusCode.NotFound, "NotFound");
        using var deleted = await _api.Owner.DeleteAsync($"{HooksApi.Base}/{name}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await _api.Owner.GetAsync($"{HooksApi.Base}/{name}");
        await Auth.AuthApi.AssertApiErrorAsync(gone, HttpStatusCode.NotFound, "NotFound");
    }
}
