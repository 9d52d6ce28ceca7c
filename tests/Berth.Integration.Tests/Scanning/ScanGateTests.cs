using System.Net;
using System.Net.Http.Json;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Scanning;

/// <summary>The pull gate: severity threshold, allowlist (and its expiry), and what stays pullable.</summary>
public sealed class ScanGateTests(ScanningFixture server) : IClassFixture<ScanningFixture>
{
    private readonly HttpClient _owner = server.CreateClient();

    [Fact]
    public async Task Gate_at_high_refuses_the_pull_naming_the_cve_and_its_fix_until_allowlisted()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("gate");
        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = false, gate = new { minimumSeverity = "high", onlyFixable = false } });
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        await ScanningFixture.WaitForScanAsync(_owner, repo, digest);

        using (var denied = await _owner.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            await OciClient.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
            var message = (await OciClient.ErrorAsync(denied)).GetProperty("message").GetString()!;
            Assert.Contains("CVE-2099-0001", message, StringComparison.Ordinal);
            Assert.Contains("99.0-1", message, StringComparison.Ordinal);
            Assert.DoesNotContain("CVE-2099-0002", message, StringComparison.Ordinal); // medium, under the gate
        }

        using (var head = new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/manifests/{digest}"))
        using (var headResponse = await _owner.SendAsync(head))
        {
            Assert.Equal(HttpStatusCode.Forbidden, headResponse.StatusCode);
        }

        using (var add = await _owner.PostAsJsonAsync("/api/v1/registries/default/scan-policy/allowlist", new { vulnerabilityId = "CVE-2099-0001", repository = repo, reason = "test" }))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        using var allowed = await _owner.GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task An_expired_allowlist_entry_no_longer_lets_the_image_through()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("gate");
        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = false, gate = new { minimumSeverity = "critical", onlyFixable = true } });
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        var expires = DateTimeOffset.UtcNow.AddSeconds(2);
        using (var add = await _owner.PostAsJsonAsync("/api/v1/registries/default/scan-policy/allowlist", new { vulnerabilityId = "CVE-2099-0001", repository = repo, expiresAt = expires }))
        {
            Assert.Equal(HttpStatusCode.Created, add.StatusCode);
        }

        while (DateTimeOffset.UtcNow <= expires.AddMilliseconds(200))
        {
            await Task.Delay(200);
        }

        using var denied = await _owner.GetAsync($"/v2/{repo}/manifests/v1");
        await OciClient.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
        Assert.Contains("CVE-2099-0001", (await OciClient.ErrorAsync(denied)).GetProperty("message").GetString()!, StringComparison.Ordinal);
        var entries = await _owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/registries/default/scan-policy/allowlist?repository={Uri.EscapeDataString(repo)}");
        Assert.True(entries.EnumerateArray().Single(e => e.GetProperty("vulnerabilityId").GetString() == "CVE-2099-0001").GetProperty("expired").GetBoolean());
    }

    [Fact]
    public async Task Gate_on_unfixable_findings_only_ignores_those_without_a_fix_and_layers_stay_readable()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("gate");
        var layer = ScanningFixture.DebianLayer();
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", layer);
        await ScanningFixture.WaitForScanAsync(_owner, repo, digest);

        // Medium and up, fixable only: dpkg's medium finding has no fix, bash's critical one has.
        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = false, gate = new { minimumSeverity = "medium", onlyFixable = true } });
        using (var denied = await _owner.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            var message = (await OciClient.ErrorAsync(denied)).GetProperty("message").GetString()!;
            Assert.Contains("CVE-2099-0001", message, StringComparison.Ordinal);
            Assert.DoesNotContain("CVE-2099-0002", message, StringComparison.Ordinal);
        }

        using (var blob = await _owner.GetAsync($"/v2/{repo}/blobs/{OciClient.Digest(layer)}"))
        {
            Assert.Equal(HttpStatusCode.OK, blob.StatusCode); // the gate is on manifests, as in ACR and Harbor
        }

        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = false, gate = new { minimumSeverity = "off" } });
        using var allowed = await _owner.GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Policy_changes_need_manage_rights_and_invalid_ones_change_nothing()
    {
        var auth = new AuthApi(server);
        var reader = await auth.CreateUserAsync("Reader");
        var repo = OciClient.NewRepo("gate");
        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = true, gate = new { minimumSeverity = "critical" } });

        using var readerClient = server.CreateClient(reader.Username, reader.Password);
        using (var forbidden = await readerClient.PutAsJsonAsync($"/api/v1/registries/default/scan-policy?repository={repo}", new { quarantine = false }))
        {
            await AuthApi.AssertApiErrorAsync(forbidden, HttpStatusCode.Forbidden, "Forbidden");
        }

        using (var invalid = await _owner.PutAsJsonAsync($"/api/v1/registries/default/scan-policy?repository={repo}", new { quarantine = false, gate = new { minimumSeverity = "severe" } }))
        {
            await AuthApi.AssertApiErrorAsync(invalid, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        using (var badEntry = await _owner.PostAsJsonAsync("/api/v1/registries/default/scan-policy/allowlist", new { vulnerabilityId = "CVE 1", repository = repo }))
        {
            await AuthApi.AssertApiErrorAsync(badEntry, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        using (var past = await _owner.PostAsJsonAsync("/api/v1/registries/default/scan-policy/allowlist", new { vulnerabilityId = "CVE-2099-0001", repository = repo, expiresAt = DateTimeOffset.UtcNow.AddDays(-1) }))
        {
            await AuthApi.AssertApiErrorAsync(past, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        using (var unknown = await _owner.DeleteAsync("/api/v1/registries/default/scan-policy/allowlist/999999"))
        {
            await AuthApi.AssertApiErrorAsync(unknown, HttpStatusCode.NotFound, "NotFound");
        }

        var policy = await readerClient.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/registries/default/scan-policy?repository={repo}");
        Assert.True(policy.GetProperty("quarantine").GetBoolean());
        Assert.Equal("critical", policy.GetProperty("gate").GetProperty("minimumSeverity").GetString());
        Assert.Equal("repository", policy.GetProperty("source").GetString());
        var entries = await _owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/registries/default/scan-policy/allowlist?repository={repo}");
        Assert.DoesNotContain(entries.EnumerateArray(), e => e.GetProperty("repository").GetString() == repo);

        using (var delete = await _owner.DeleteAsync($"/api/v1/registries/default/scan-policy?repository={repo}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var inherited = await _owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/registries/default/scan-policy?repository={repo}");
        Assert.Equal("registry", inherited.GetProperty("source").GetString());
    }

    [Fact]
    public async Task OpenApi_document_describes_the_scan_policy_and_scan_endpoints()
    {
        var document = await _owner.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/openapi.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Value.ValueKind == System.Text.Json.JsonValueKind.Object && o.Value.TryGetProperty("operationId", out _))
                .Select(o => (Path: p.Name, Method: o.Name, Id: o.Value.GetProperty("operationId").GetString())))
            .ToList();

        Assert.Contains(operations, o => o.Path == "/api/v1/registries/{registry}/scan-policy" && o.Method == "put" && o.Id == "SetScanPolicy");
        Assert.Contains(operations, o => o.Path == "/api/v1/registries/{registry}/scan-policy/allowlist" && o.Method == "post" && o.Id == "AddScanAllowlistEntry");
        Assert.Contains(operations, o => o.Path.StartsWith("/api/v1/registries/{registry}/repositories/", StringComparison.Ordinal) && o.Method == "get" && o.Id == "GetScans");
        Assert.Contains(operations, o => o.Method == "post" && o.Id == "RescanManifest");
    }
}
