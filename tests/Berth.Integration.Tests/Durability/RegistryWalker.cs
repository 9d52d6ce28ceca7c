using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>
/// Consistency checks seen from outside: walks catalog → tags → manifests → blobs over HTTP and checks every
/// byte against its digest; and checks that every blob file on disk holds exactly the content its name says.
/// </summary>
public static class RegistryWalker
{
    private static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
    ];

    public sealed record WalkResult(int Repositories, int Tags, int Blobs);

    /// <summary>Every tag of every repository resolves to a manifest whose bytes hash to its digest, and every blob it references reads back hashing to its digest with its declared size.</summary>
    public static async Task<WalkResult> WalkAsync(HttpClient http)
    {
        var repositories = await ListAllAsync(http, "/v2/_catalog?n=50", "repositories");
        int tags = 0, blobs = 0;
        foreach (var repo in repositories)
        {
            foreach (var tag in await ListAllAsync(http, $"/v2/{repo}/tags/list?n=50", "tags"))
            {
                tags++;
                var manifest = await PullManifestAsync(http, repo, tag);
                using var doc = JsonDocument.Parse(manifest);
                foreach (var descriptor in BlobDescriptors(doc.RootElement))
                {
                    await AssertBlobAsync(http, repo, descriptor.Digest, descriptor.Size, $"{repo}:{tag}");
                    blobs++;
                }
            }
        }

        return new WalkResult(repositories.Count, tags, blobs);
    }

    /// <summary>GETs a manifest and checks Docker-Content-Digest against the bytes; returns the bytes.</summary>
    public static async Task<byte[]> PullManifestAsync(HttpClient http, string repo, string reference)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repo}/manifests/{reference}");
        foreach (var type in ManifestTypes)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(type));
        }

        using var response = await http.SendAsync(request);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"manifest {repo}:{reference} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes)}");
        var digest = OciClient.Digest(bytes);
        Assert.Equal(digest, response.Headers.GetValues("Docker-Content-Digest").Single());
        if (reference.Contains(':', StringComparison.Ordinal))
        {
            Assert.Equal(reference, digest);
        }

        return bytes;
    }

    public static async Task AssertBlobAsync(HttpClient http, string repo, string digest, long size, string owner)
    {
        using var response = await http.GetAsync($"/v2/{repo}/blobs/{digest}", HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"blob {digest} of {owner} answered {(int)response.StatusCode}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.LongLength == size, $"blob {digest} of {owner} has {bytes.LongLength} bytes, the manifest says {size}");
        Assert.True(OciClient.Digest(bytes) == digest, $"blob {digest} of {owner} reads back as {OciClient.Digest(bytes)}");
    }

    /// <summary>Files under DATA/blobs: each must hash to the digest its path names (a crash may leave none, never a torn one). Returns how many.</summary>
    public static int AssertBlobFilesIntact(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "blobs", "sha256");
        if (!Directory.Exists(root))
        {
            return 0;
        }

        var count = 0;
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            using var stream = File.OpenRead(file);
            var actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            Assert.True(actual == Path.GetFileName(file), $"blob file {file} holds content with digest sha256:{actual}");
            count++;
        }

        return count;
    }

    public static string BlobPath(string dataDirectory, string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(dataDirectory, "blobs", "sha256", hex[..2], hex);
    }

    private static IEnumerable<(string Digest, long Size)> BlobDescriptors(JsonElement manifest)
    {
        if (manifest.TryGetProperty("config", out var config))
        {
            yield return (config.GetProperty("digest").GetString()!, config.GetProperty("size").GetInt64());
        }

        if (manifest.TryGetProperty("layers", out var layers))
        {
            foreach (var layer in layers.EnumerateArray())
            {
                yield return (layer.GetProperty("digest").GetString()!, layer.GetProperty("size").GetInt64());
            }
        }
    }

    private static async Task<List<string>> ListAllAsync(HttpClient http, string first, string property)
    {
        var all = new List<string>();
        string? next = first;
        for (var page = 0; next is not null; page++)
        {
            Assert.True(page < 10_000, $"pagination of {first} does not end");
            using var response = await http.GetAsync(next);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{next} answered {(int)response.StatusCode}");
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            all.AddRange(doc.RootElement.GetProperty(property).EnumerateArray().Select(e => e.GetString()!));
            next = response.Headers.TryGetValues("Link", out var links) ? NextLink(links.Single()) : null;
        }

        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
        return all;
    }

    private static string NextLink(string header)
    {
        var start = header.IndexOf('<', StringComparison.Ordinal) + 1;
        return header[start..header.IndexOf('>', start)];
    }
}
