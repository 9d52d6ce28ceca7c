using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Advisories.Storage;

namespace Berth.Integration.Tests.Scanning;

/// <summary>
/// A server with scanning on (two workers) and helpers to build real image layers, import the test advisories and
/// wait for scans. Advisory data comes from <c>Scanning/TestData</c> (synthetic OSV files, see NOTICE.md).
/// </summary>
public class ScanningFixture : BerthServerFixture
{
    public const string OsRelease = "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\n";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Scanning:Concurrency"] = "2",
    };

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Scanning", "TestData", name);

    /// <summary>Imports one folder of test advisories into the server's advisory store (the importer the CLI uses).</summary>
    public async Task ImportAsync(string folder)
    {
        var report = await new AdvisoryImporter(Get<IAdvisoryStore>()).ImportAsync(TestData(folder), CancellationToken.None);
        Assert.True(report.Failure is null, report.Failure?.ToString());
    }

    /// <summary>A gzip tar layer holding the given files (parent directories are implied).</summary>
    public static byte[] Layer(params (string Path, byte[] Content)[] files)
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, content) in files)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(content), Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead });
            }
        }

        using var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar.ToArray());
        }

        return gz.ToArray();
    }

    /// <summary>A Debian 12 layer with this machine's own dpkg database.</summary>
    public static byte[] DebianLayer() =>
        Layer(("etc/os-release", Encoding.UTF8.GetBytes(OsRelease)), ("var/lib/dpkg/status", File.ReadAllBytes("/var/lib/dpkg/status")));

    /// <summary>A Debian 12 layer whose dpkg database holds one made-up package that no advisory names.</summary>
    public static byte[] TinyDebianLayer() =>
        Layer(("etc/os-release", Encoding.UTF8.GetBytes(OsRelease)),
            ("var/lib/dpkg/status", Encoding.UTF8.GetBytes("Package: berth-test-only\nStatus: install ok installed\nVersion: 1.0-1\nArchitecture: amd64\n\n")));

    /// <summary>Pushes an OCI image (image config + the layers the repository lacks) tagged <paramref name="tag"/>; returns the manifest digest.</summary>
    public static async Task<string> PushImageAsync(HttpClient client, string repo, string tag, params byte[][] layers) =>
        (await PushPlatformImageAsync(client, repo, tag, "amd64", layers)).Digest;

    /// <summary>Like <see cref="PushImageAsync"/> for one architecture; returns digest and size (for an index).</summary>
    public static async Task<(string Digest, int Size)> PushPlatformImageAsync(HttpClient client, string repo, string tag, string architecture, params byte[][] layers)
    {
        var oci = new OciClient(client);
        var descriptors = new List<object>();
        foreach (var layer in layers)
        {
            // As clients do: a blob the repository already has is not uploaded again.
            var layerDigest = OciClient.Digest(layer);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repo}/blobs/{layerDigest}"));
            if (head.StatusCode != HttpStatusCode.OK)
            {
                await oci.PushBlobAsync(repo, layer);
            }

            descriptors.Add(new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = layerDigest, size = layer.Length });
        }

        var config = JsonSerializer.SerializeToUtf8Bytes(new { architecture, os = "linux", rootfs = new { type = "layers", diff_ids = Array.Empty<string>() }, created = Guid.NewGuid().ToString("N") });
        var configDigest = await oci.PushBlobAsync(repo, config);
        var manifest = OciClient.ImageManifest(new { mediaType = "application/vnd.oci.image.config.v1+json", digest = configDigest, size = config.Length }, descriptors);
        using var response = await oci.PutManifestAsync(repo, tag, manifest, "application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (OciClient.Digest(manifest), manifest.Length);
    }

    public static string ScanPath(string repo, string reference) => $"/api/v1/registries/default/repositories/{repo}/manifests/{reference}/scan";

    /// <summary>Waits (generously) until the manifest's scan is completed or failed, and returns it.</summary>
    public static async Task<JsonElement> WaitForScanAsync(HttpClient owner, string repo, string digest, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            using var response = await owner.GetAsync(ScanPath(repo, digest));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var scan = await response.Content.ReadFromJsonAsync<JsonElement>();
                var status = scan.GetProperty("status").GetString();
                if (status is "completed" or "failed" && (until is null || until(scan)))
                {
                    return scan;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"the scan of {repo}@{digest} did not finish in time");
            await Task.Delay(100);
        }
    }

    /// <summary>Every finding id of a scan view (all platforms).</summary>
    public static IReadOnlyList<string> FindingIds(JsonElement scan) =>
        scan.GetProperty("reports").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray()).Select(f => f.GetProperty("id").GetString()!).ToList();

    public static async Task PutPolicyAsync(HttpClient owner, string repo, object body)
    {
        using var response = await owner.PutAsJsonAsync($"/api/v1/registries/default/scan-policy?repository={Uri.EscapeDataString(repo)}", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
