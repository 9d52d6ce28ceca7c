using System.Net;
using System.Text;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>An image held entirely by the test (config, layers, manifest bytes), so pushes can be repeated and pulls compared byte for byte.</summary>
/// <remarks>A null <see cref="Tag"/> means the manifest is pushed and pulled by digest.</remarks>
public sealed record TestImage(string Repository, string? Tag, byte[] Config, IReadOnlyList<byte[]> Layers, byte[] Manifest)
{
    public const string ManifestMediaType = "application/vnd.oci.image.manifest.v1+json";

    public string Digest => OciClient.Digest(Manifest);

    public string Reference => Tag ?? Digest;

    public IEnumerable<byte[]> Blobs => Layers.Prepend(Config);

    /// <summary>A fresh image; <paramref name="extraLayers"/> are appended as they are (e.g. content shared with garbage).</summary>
    public static TestImage Create(string repository, string? tag, Random random, int layers, int minLayerSize, int maxLayerSize, IEnumerable<byte[]>? extraLayers = null, string? subject = null)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":\"{Guid.NewGuid():N}\"}}");
        var layerBytes = new List<byte[]>();
        for (var i = 0; i < layers; i++)
        {
            var bytes = new byte[random.Next(minLayerSize, maxLayerSize + 1)];
            random.NextBytes(bytes);
            layerBytes.Add(bytes);
        }

        layerBytes.AddRange(extraLayers ?? []);
        var manifest = OciClient.ImageManifest(
            new { mediaType = "application/vnd.oci.image.config.v1+json", digest = OciClient.Digest(config), size = config.Length },
            layerBytes.Select(l => (object)new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = OciClient.Digest(l), size = l.Length }),
            subject,
            subject is null ? null : "application/vnd.example.signature");
        return new TestImage(repository, tag, config, layerBytes, manifest);
    }

    /// <summary>
    /// Pushes blobs (every other layer chunked, starting with the first when <paramref name="chunkedFirst"/>) and then the manifest
    /// by tag. Throws (assertion or transport failure) at the first step that does not succeed.
    /// </summary>
    public async Task PushAsync(OciClient oci, bool chunkedFirst, int chunkSize = 64 * 1024)
    {
        await oci.PushBlobAsync(Repository, Config);
        for (var i = 0; i < Layers.Count; i++)
        {
            if ((i % 2 == 0) == chunkedFirst)
            {
                await oci.PushBlobChunkedAsync(Repository, Layers[i], chunkSize);
            }
            else
            {
                await oci.PushBlobAsync(Repository, Layers[i]);
            }
        }

        using var response = await oci.PutManifestAsync(Repository, Reference, Manifest, ManifestMediaType);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            Assert.Fail($"manifest {Repository}:{Reference} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Pulls the image by tag and asserts the manifest and every blob come back byte for byte.</summary>
    public async Task AssertIntactAsync(HttpClient http)
    {
        var pulled = await RegistryWalker.PullManifestAsync(http, Repository, Reference);
        Assert.True(Manifest.AsSpan().SequenceEqual(pulled), $"{Repository}:{Reference} does not return the manifest that was pushed");
        foreach (var blob in Blobs)
        {
            var digest = OciClient.Digest(blob);
            using var response = await http.GetAsync($"/v2/{Repository}/blobs/{digest}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"blob {digest} of {Repository}:{Reference} answered {(int)response.StatusCode}");
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(blob.AsSpan().SequenceEqual(bytes), $"blob {digest} of {Repository}:{Reference} has other bytes");
        }
    }
}
