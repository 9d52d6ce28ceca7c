using System.Net;
using System.Text.Json.Nodes;
using Berth.Integration.Tests.Infrastructure;
using Berth.Interop.Tests.Infrastructure;

namespace Berth.Interop.Tests.Skopeo;

/// <summary>skopeo's inspect, list-tags and delete against images pushed through Berth's HTTP API.</summary>
public sealed class SkopeoInspectTests(InteropFixture fixture) : IClassFixture<InteropFixture>
{
    [Fact]
    public async Task Inspect_reports_digest_platform_layers_and_raw_bytes()
    {
        var layout = OciLayout.Create(fixture.NewDirectory("img"));
        var manifest = TestImages.WriteImage(layout, [Layers.RandomTar(1, 1024), Layers.RandomTar(1, 2048)], cmd: ["/bin/true"]);
        var repo = OciClient.NewRepo("inspect");
        await TestImages.PushAsync(fixture.Oci, layout, manifest, repo, "v1");
        var json = layout.ReadJson(manifest.Digest);

        var inspect = JsonNode.Parse((await fixture.SkopeoAsync("inspect", "--tls-verify=false", fixture.DockerRef(repo, "v1"))).EnsureSuccess().StdOut)!;
        Assert.Equal(manifest.Digest, inspect["Digest"]!.GetValue<string>());
        Assert.Equal("amd64", inspect["Architecture"]!.GetValue<string>());
        Assert.Equal("linux", inspect["Os"]!.GetValue<string>());
        Assert.Equal(
            json["layers"]!.AsArray().Select(l => l!["digest"]!.GetValue<string>()),
            inspect["Layers"]!.AsArray().Select(l => l!.GetValue<string>()));
        var config = layout.ReadJson(json["config"]!["digest"]!.GetValue<string>());
        Assert.Equal(config["config"]!["Labels"]!["berth.test.nonce"]!.GetValue<string>(), inspect["Labels"]!["berth.test.nonce"]!.GetValue<string>());

        var raw = await fixture.SkopeoAsync("inspect", "--raw", "--tls-verify=false", fixture.DockerRef(repo, "v1"));
        Assert.Equal(layout.ReadBlob(manifest.Digest), raw.EnsureSuccess().StdOutBytes);
        var rawConfig = await fixture.SkopeoAsync("inspect", "--config", "--raw", "--tls-verify=false", fixture.DockerRef(repo, "v1"));
        Assert.Equal(layout.ReadBlob(json["config"]!["digest"]!.GetValue<string>()), rawConfig.EnsureSuccess().StdOutBytes);
    }

    [Fact]
    public async Task Inspect_of_an_index_resolves_the_requested_platform()
    {
        var layout = OciLayout.Create(fixture.NewDirectory("img"));
        var amd64 = TestImages.WriteImage(layout, [Layers.RandomTar(1, 1024)], "amd64");
        var arm64 = TestImages.WriteImage(layout, [Layers.RandomTar(1, 1024)], "arm64", "v8");
        var index = TestImages.WriteIndex(layout, [(amd64, "amd64", null), (arm64, "arm64", "v8")]);
        layout.Tag(index, "multi");
        var repo = OciClient.NewRepo("inspect");
        (await fixture.SkopeoAsync("copy", "--all", "--preserve-digests", "--dest-tls-verify=false", $"oci:{layout.Directory}:multi", fixture.DockerRef(repo, "multi"))).EnsureSuccess();

        var raw = await fixture.SkopeoAsync("inspect", "--raw", "--tls-verify=false", fixture.DockerRef(repo, "multi"));
        Assert.Equal(layout.ReadBlob(index.Digest), raw.EnsureSuccess().StdOutBytes);

        var arm = await fixture.SkopeoAsync("--override-arch", "arm64", "--override-variant", "v8", "inspect", "--tls-verify=false", fixture.DockerRef(repo, "multi"));
        var inspect = JsonNode.Parse(arm.EnsureSuccess().StdOut)!;
        Assert.Equal("arm64", inspect["Architecture"]!.GetValue<string>());
        var armLayer = layout.ReadJson(arm64.Digest)["layers"]![0]!["digest"]!.GetValue<string>();
        Assert.Equal([armLayer], inspect["Layers"]!.AsArray().Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public async Task List_tags_follows_pagination_and_returns_every_tag()
    {
        var layout = OciLayout.Create(fixture.NewDirectory("img"));
        var manifest = TestImages.WriteImage(layout, [Layers.RandomTar(1, 512)]);
        var repo = OciClient.NewRepo("tags");
        // More tags than fit on one page, so the listing only completes if skopeo follows the Link header.
        var tags = Enumerable.Range(0, (InteropFixture.PageSize * 2) + 1).Select(i => $"t{i:D2}").Append("latest").ToList();
        await TestImages.PushAsync(fixture.Oci, layout, manifest, repo, tags[0]);
        foreach (var tag in tags.Skip(1))
        {
            using var put = await fixture.Oci.PutManifestAsync(repo, tag, layout.ReadBlob(manifest.Digest), manifest.MediaType);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        var result = await fixture.SkopeoAsync("list-tags", "--tls-verify=false", fixture.DockerRef(repo));
        var listing = JsonNode.Parse(result.EnsureSuccess().StdOut)!;
        Assert.Equal($"{fixture.Registry}/{repo}", listing["Repository"]!.GetValue<string>());
        Assert.Equal(tags.Order(StringComparer.Ordinal), listing["Tags"]!.AsArray().Select(t => t!.GetValue<string>()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Missing_tag_and_repository_fail_with_the_registry_error()
    {
        var layout = OciLayout.Create(fixture.NewDirectory("img"));
        var manifest = TestImages.WriteImage(layout, [Layers.RandomTar(1, 512)]);
        var repo = OciClient.NewRepo("missing");
        await TestImages.PushAsync(fixture.Oci, layout, manifest, repo, "present");

        var tag = await fixture.SkopeoAsync("inspect", "--tls-verify=false", fixture.DockerRef(repo, "absent"));
        Assert.True(tag.ExitCode != 0 && tag.StdErr.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase), tag.Describe());

        var list = await fixture.SkopeoAsync("list-tags", "--tls-verify=false", fixture.DockerRef(OciClient.NewRepo("missing")));
        // skopeo 1.9 reports only the status for a failed tag listing, not the error body.
        Assert.True(list.ExitCode != 0 && list.StdErr.Contains("404", StringComparison.Ordinal), list.Describe());
    }

    [Fact]
    public async Task Delete_removes_the_manifest_the_tag_points_at()
    {
        var layout = OciLayout.Create(fixture.NewDirectory("img"));
        var manifest = TestImages.WriteImage(layout, [Layers.RandomTar(1, 512)]);
        var repo = OciClient.NewRepo("delete");
        await TestImages.PushAsync(fixture.Oci, layout, manifest, repo, "doomed");

        // skopeo resolves the tag and deletes by digest, as the spec requires of clients.
        (await fixture.SkopeoAsync("delete", "--tls-verify=false", fixture.DockerRef(repo, "doomed"))).EnsureSuccess();

        using var byDigest = await fixture.Oci.Http.GetAsync($"/v2/{repo}/manifests/{manifest.Digest}");
        Assert.Equal(HttpStatusCode.NotFound, byDigest.StatusCode);
        var inspect = await fixture.SkopeoAsync("inspect", "--tls-verify=false", fixture.DockerRef(repo, "doomed"));
        Assert.True(inspect.ExitCode != 0 && inspect.StdErr.Contains("manifest unknown", StringComparison.OrdinalIgnoreCase), inspect.Describe());
    }
}
