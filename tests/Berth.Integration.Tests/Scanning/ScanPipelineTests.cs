using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Scanning;

/// <summary>Scan on push: report by finding id, SBOM as a referrer, renderings, rescans and the scan list.</summary>
public sealed class ScanPipelineTests(ScanningFixture server) : IClassFixture<ScanningFixture>
{
    private readonly HttpClient _owner = server.CreateClient();

    [Fact]
    public async Task A_pushed_image_is_scanned_by_itself_and_its_findings_name_the_advisories()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("scan");
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());

        var scan = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);

        Assert.Equal("completed", scan.GetProperty("status").GetString());
        var ids = ScanningFixture.FindingIds(scan);
        Assert.Contains("CVE-2099-0001", ids);
        Assert.Contains("CVE-2099-0002", ids);
        var bash = scan.GetProperty("reports")[0].GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "CVE-2099-0001");
        Assert.Equal("critical", bash.GetProperty("severity").GetString());
        Assert.Equal("bash", bash.GetProperty("package").GetString());
        Assert.Equal("99.0-1", bash.GetProperty("fixedVersion").GetString());
        Assert.True(scan.GetProperty("counts").GetProperty("critical").GetInt32() >= 1);
        Assert.Equal("linux/amd64", scan.GetProperty("sboms")[0].GetProperty("platform").GetString());
    }

    [Fact]
    public async Task The_sbom_is_a_cyclonedx_referrer_of_the_image_listing_its_packages()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("scan");
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        var scan = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);

        using var referrers = await _owner.GetAsync($"/v2/{repo}/referrers/{digest}?artifactType=application/vnd.cyclonedx%2Bjson");
        Assert.Equal(HttpStatusCode.OK, referrers.StatusCode);
        var index = await referrers.Content.ReadFromJsonAsync<JsonElement>();
        var referrer = Assert.Single(index.GetProperty("manifests").EnumerateArray());
        Assert.Equal("application/vnd.cyclonedx+json", referrer.GetProperty("artifactType").GetString());
        Assert.Equal(scan.GetProperty("sboms")[0].GetProperty("referrer").GetString(), referrer.GetProperty("digest").GetString());

        using var manifest = await _owner.GetAsync($"/v2/{repo}/manifests/{referrer.GetProperty("digest").GetString()}");
        var sbomManifest = await manifest.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(digest, sbomManifest.GetProperty("subject").GetProperty("digest").GetString());
        var layer = sbomManifest.GetProperty("layers")[0];
        Assert.Equal("application/vnd.cyclonedx+json", layer.GetProperty("mediaType").GetString());

        using var blob = await _owner.GetAsync($"/v2/{repo}/blobs/{layer.GetProperty("digest").GetString()}");
        var sbom = await blob.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("CycloneDX", sbom.GetProperty("bomFormat").GetString());
        Assert.Equal("1.6", sbom.GetProperty("specVersion").GetString());
        Assert.StartsWith("urn:uuid:", sbom.GetProperty("serialNumber").GetString());
        Assert.Equal(digest, sbom.GetProperty("metadata").GetProperty("component").GetProperty("version").GetString());
        var purls = sbom.GetProperty("components").EnumerateArray().Where(c => c.TryGetProperty("purl", out _)).Select(c => c.GetProperty("purl").GetString()!).ToList();
        Assert.Contains(purls, p => p.StartsWith("pkg:deb/debian/bash@", StringComparison.Ordinal) && p.Contains("distro=debian-12", StringComparison.Ordinal));
        Assert.All(sbom.GetProperty("components").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("bom-ref").GetString())));
    }

    [Fact]
    public async Task A_rescan_rematches_the_stored_sbom_without_a_second_referrer()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("scan");
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        var first = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        var firstCompleted = first.GetProperty("completedAt").GetDateTimeOffset();

        using (var rescan = await _owner.PostAsync(ScanningFixture.ScanPath(repo, "v1"), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, rescan.StatusCode);
        }

        var second = await ScanningFixture.WaitForScanAsync(_owner, repo, digest, s => s.GetProperty("completedAt").GetDateTimeOffset() > firstCompleted);
        Assert.Equal(ScanningFixture.FindingIds(first).Order(), ScanningFixture.FindingIds(second).Order());
        Assert.Equal(first.GetProperty("sboms")[0].GetProperty("referrer").GetString(), second.GetProperty("sboms")[0].GetProperty("referrer").GetString());
        using var referrers = await _owner.GetAsync($"/v2/{repo}/referrers/{digest}");
        var index = await referrers.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Single(index.GetProperty("manifests").EnumerateArray());
    }

    [Fact]
    public async Task Reports_render_as_sarif_and_table_and_the_repository_lists_its_scans()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("scan");
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        await ScanningFixture.WaitForScanAsync(_owner, repo, digest);

        using var sarif = await _owner.GetAsync(ScanningFixture.ScanPath(repo, digest) + "?format=sarif");
        Assert.Equal(HttpStatusCode.OK, sarif.StatusCode);
        var log = await sarif.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        var rules = log.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        Assert.Contains("CVE-2099-0001", rules);

        var table = await _owner.GetStringAsync(ScanningFixture.ScanPath(repo, digest) + "?format=table");
        Assert.Contains("CVE-2099-0001", table, StringComparison.Ordinal);

        var list = await _owner.GetFromJsonAsync<JsonElement>($"/api/v1/registries/default/repositories/{repo}/scans");
        var row = Assert.Single(list.EnumerateArray());
        Assert.Equal(digest, row.GetProperty("digest").GetString());
        Assert.False(row.TryGetProperty("reports", out var reports) && reports.ValueKind != JsonValueKind.Null);
    }

    [Fact]
    public async Task Artifacts_are_not_scanned_and_bad_requests_change_nothing()
    {
        var repo = OciClient.NewRepo("scan");
        var oci = new OciClient(_owner);
        var (_, subject) = await oci.PushImageAsync(repo, "base", layers: 1);
        var (_, artifact) = await oci.PushImageAsync(repo, "sig", layers: 1, subject: subject, artifactType: "application/vnd.example.signature");

        using (var rescan = await _owner.PostAsync(ScanningFixture.ScanPath(repo, artifact), null))
        {
            await Auth.AuthApi.AssertApiErrorAsync(rescan, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        using (var missing = await _owner.GetAsync(ScanningFixture.ScanPath(repo, "nosuchtag")))
        {
            await Auth.AuthApi.AssertApiErrorAsync(missing, HttpStatusCode.NotFound, "NotFound");
        }

        using (var format = await _owner.GetAsync(ScanningFixture.ScanPath(repo, subject) + "?format=xml"))
        {
            await Auth.AuthApi.AssertApiErrorAsync(format, HttpStatusCode.BadRequest, "InvalidRequest");
        }

        using var artifactScan = await _owner.GetAsync(ScanningFixture.ScanPath(repo, artifact));
        await Auth.AuthApi.AssertApiErrorAsync(artifactScan, HttpStatusCode.NotFound, "NotFound");
    }

    [Fact]
    public async Task A_multi_arch_index_is_scanned_per_platform_with_one_sbom_each()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("scan");
        var amd = await ScanningFixture.PushPlatformImageAsync(_owner, repo, "amd64", "amd64", ScanningFixture.DebianLayer());
        var arm = await ScanningFixture.PushPlatformImageAsync(_owner, repo, "arm64", "arm64", ScanningFixture.TinyDebianLayer());
        var index = OciClient.Index([(amd.Digest, amd.Size, "amd64"), (arm.Digest, arm.Size, "arm64")]);
        using (var put = await new OciClient(_owner).PutManifestAsync(repo, "multi", index, "application/vnd.oci.image.index.v1+json"))
        {
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var scan = await ScanningFixture.WaitForScanAsync(_owner, repo, OciClient.Digest(index));

        Assert.Equal("completed", scan.GetProperty("status").GetString());
        var reports = scan.GetProperty("reports").EnumerateArray().ToList();
        Assert.Equal(["linux/amd64", "linux/arm64"], reports.Select(r => r.GetProperty("platform").GetString()).Order().ToList());
        Assert.Contains("CVE-2099-0001", reports.Single(r => r.GetProperty("digest").GetString() == amd.Digest).GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()));
        Assert.Empty(reports.Single(r => r.GetProperty("digest").GetString() == arm.Digest).GetProperty("findings").EnumerateArray());
        foreach (var child in new[] { amd.Digest, arm.Digest })
        {
            await ScanningFixture.WaitForScanAsync(_owner, repo, child);
            using var referrers = await _owner.GetAsync($"/v2/{repo}/referrers/{child}");
            var listed = await referrers.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Single(listed.GetProperty("manifests").EnumerateArray());
        }
    }

    [Fact]
    public async Task The_rescan_job_rescans_recently_pushed_images()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("scan");
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.TinyDebianLayer());
        var first = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        using (var pull = await _owner.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.OK, pull.StatusCode);
        }

        var scheduler = server.Get<Berth.Core.Jobs.JobScheduler>();
        await scheduler.RunNowAsync("pull-activity-flush", CancellationToken.None);
        await scheduler.RunNowAsync(Berth.Scanning.Pipeline.RescanJob.JobName, CancellationToken.None);

        var second = await ScanningFixture.WaitForScanAsync(_owner, repo, digest, s => s.GetProperty("completedAt").GetDateTimeOffset() > first.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(first.GetProperty("firstCompletedAt").GetDateTimeOffset(), second.GetProperty("firstCompletedAt").GetDateTimeOffset());
        var pulled = await server.Get<Berth.Core.Scanning.IManifestActivity>().GetLastPulledAtAsync(new Berth.Core.Scanning.ScanTarget(1, repo, Berth.Core.Oci.Digest.Parse(digest)), CancellationToken.None);
        Assert.NotNull(pulled);
    }
}
