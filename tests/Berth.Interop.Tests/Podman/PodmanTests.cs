using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Berth.Integration.Tests.Infrastructure;
using Berth.Interop.Tests.Infrastructure;

namespace Berth.Interop.Tests.Podman;

/// <summary>
/// podman as a real consumer and producer: it must pull and run an image pushed to Berth, and push an
/// image it built itself so that Berth serves it back intact.
/// </summary>
public sealed class PodmanTests(PodmanFixture fixture) : IClassFixture<PodmanFixture>
{
    private const string Greeting = "hello-from-berth";

    [Fact]
    public async Task Pulls_and_runs_an_image_pushed_to_berth()
    {
        var marker = Guid.NewGuid().ToString("N");
        var (image, manifest) = await PushBusyboxAsync(marker);

        (await fixture.PodmanAsync("pull", image)).EnsureSuccess();
        var digest = await fixture.PodmanAsync("image", "inspect", "--format", "{{.Digest}}", image);
        Assert.Equal(manifest.Digest, digest.EnsureSuccess().StdOut.Trim());

        var run = await fixture.PodmanAsync("run", "--rm", "--network=none", image);
        Assert.Equal(Greeting, run.EnsureSuccess().StdOut.Trim());
        // The layer's own file, read inside the container: the unpacked rootfs is what was pushed.
        var cat = await fixture.PodmanAsync("run", "--rm", "--network=none", image, "/bin/cat", "/etc/marker");
        Assert.Equal(marker, cat.EnsureSuccess().StdOut);
    }

    [Fact]
    public async Task Pushes_a_committed_image_that_berth_serves_back_intact()
    {
        var (image, _) = await PushBusyboxAsync(Guid.NewGuid().ToString("N"));
        (await fixture.PodmanAsync("pull", image)).EnsureSuccess();
        var container = "berth-interop-" + Guid.NewGuid().ToString("N")[..12];
        var payload = Guid.NewGuid().ToString("N");
        (await fixture.PodmanAsync("run", "--name", container, "--network=none", image, "/bin/sh", "-c", $"echo {payload} > /tmp/made-by-podman")).EnsureSuccess();

        var repo = OciClient.NewRepo("podman");
        var committed = fixture.ImageRef(repo, "committed");
        (await fixture.PodmanAsync("commit", "--format", "oci", "--change", "CMD [\"/bin/cat\", \"/tmp/made-by-podman\"]", container, committed)).EnsureSuccess();
        var digestFile = Path.Combine(fixture.Root, $"digest-{container}");
        (await fixture.PodmanAsync("push", "--digestfile", digestFile, committed)).EnsureSuccess();
        var pushed = File.ReadAllText(digestFile).Trim();

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/committed");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(OciLayout.ImageManifest));
        using var response = await fixture.Oci.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pushed, response.Headers.GetValues("Docker-Content-Digest").Single());
        var manifest = JsonNode.Parse(await response.Content.ReadAsByteArrayAsync())!;

        // podman's image ID is its config digest: Berth must hold that exact config.
        var id = (await fixture.PodmanAsync("image", "inspect", "--format", "{{.Id}}", committed)).EnsureSuccess().StdOut.Trim();
        var configDigest = manifest["config"]!["digest"]!.GetValue<string>();
        Assert.Equal("sha256:" + id, configDigest);
        var config = await fixture.Oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{configDigest}");
        Assert.Equal(configDigest, OciClient.Digest(config));
        Assert.Equal(["/bin/cat", "/tmp/made-by-podman"], JsonNode.Parse(config)!["config"]!["Cmd"]!.AsArray().Select(c => c!.GetValue<string>()));

        var layers = manifest["layers"]!.AsArray();
        Assert.Equal(2, layers.Count);
        var top = await fixture.Oci.Http.GetByteArrayAsync($"/v2/{repo}/blobs/{layers[1]!["digest"]}");
        Assert.Equal(layers[1]!["digest"]!.GetValue<string>(), OciClient.Digest(top));
        var files = Layers.ReadFiles(top);
        Assert.True(files.ContainsKey("tmp/made-by-podman"), "top layer holds: " + string.Join(", ", files.Keys));
        Assert.Equal(payload + "\n", Encoding.UTF8.GetString(files["tmp/made-by-podman"]));

        // And podman consumes what it pushed: drop the local copy, pull it from Berth, run it.
        (await fixture.PodmanAsync("rmi", committed)).EnsureSuccess();
        var run = await fixture.PodmanAsync("run", "--rm", "--network=none", committed);
        Assert.Equal(payload, run.EnsureSuccess().StdOut.Trim());
    }

    /// <summary>Builds the busybox image in a layout and pushes it through Berth's HTTP API (no client tool involved).</summary>
    private async Task<(string Image, Descriptor Manifest)> PushBusyboxAsync(string marker)
    {
        var layout = OciLayout.Create(fixture.NewDirectory("busybox"));
        var manifest = TestImages.WriteImage(layout, [Layers.BusyboxRootfs(marker)], cmd: ["/bin/echo", Greeting]);
        var repo = OciClient.NewRepo("podman");
        await TestImages.PushAsync(fixture.Oci, layout, manifest, repo, "v1");
        return (fixture.ImageRef(repo, "v1"), manifest);
    }
}
