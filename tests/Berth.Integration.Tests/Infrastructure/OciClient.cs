using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Berth.Integration.Tests.Infrastructure;

/// <summary>A minimal OCI distribution client for tests: raw HTTP, so every status and header can be asserted.</summary>
public sealed class OciClient(HttpClient http)
{
    public HttpClient Http => http;

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    public static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }

    public static string NewRepo(string prefix = "test") => $"{prefix}/r{Guid.NewGuid():N}";

    /// <summary>Monolithic push: <c>POST ?digest=</c>. Returns the digest.</summary>
    public async Task<string> PushBlobAsync(string repo, byte[] content)
    {
        var digest = Digest(content);
        using var response = await http.PostAsync($"/v2/{repo}/blobs/uploads/?digest={digest}", new ByteArrayContent(content));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return digest;
    }

    /// <summary>POST then PATCH chunks then PUT. Returns the digest.</summary>
    public async Task<string> PushBlobChunkedAsync(string repo, byte[] content, int chunkSize)
    {
        var location = await StartUploadAsync(repo);
        var offset = 0;
        while (offset < content.Length)
        {
            var n = Math.Min(chunkSize, content.Length - offset);
            using var response = await PatchAsync(location, content.AsMemory(offset, n).ToArray(), offset);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            location = response.Headers.Location!.ToString();
            offset += n;
        }

        var digest = Digest(content);
        using var put = await http.PutAsync($"{location}{Sep(location)}digest={digest}", null);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return digest;
    }

    public async Task<string> StartUploadAsync(string repo)
    {
        using var response = await http.PostAsync($"/v2/{repo}/blobs/uploads/", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return response.Headers.Location!.ToString();
    }

    public Task<HttpResponseMessage> PatchAsync(string location, byte[] chunk, long? offset)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(chunk) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        if (offset is { } o)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Range", $"{o}-{o + chunk.Length - 1}");
        }

        return http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> PutManifestAsync(string repo, string reference, byte[] manifest, string mediaType)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await http.PutAsync($"/v2/{repo}/manifests/{reference}", content);
    }

    /// <summary>Pushes config + layers and an OCI image manifest tagged <paramref name="tag"/>; returns the manifest bytes and digest.</summary>
    public async Task<(byte[] Manifest, string Digest)> PushImageAsync(string repo, string tag, int layers = 2, int layerSize = 1024, string? subject = null, string? artifactType = null)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":\"{Guid.NewGuid():N}\"}}");
        var configDigest = await PushBlobAsync(repo, config);
        var layerDescriptors = new List<object>();
        for (var i = 0; i < layers; i++)
        {
            var layer = RandomBytes(layerSize);
            var d = await PushBlobAsync(repo, layer);
            layerDescriptors.Add(new { mediaType = "application/vnd.oci.image.layer.v1.tar+gzip", digest = d, size = layer.Length });
        }

        var manifest = ImageManifest(new { mediaType = artifactType is null ? "application/vnd.oci.image.config.v1+json" : "application/vnd.oci.empty.v1+json", digest = configDigest, size = config.Length }, layerDescriptors, subject, artifactType);
        using var response = await PutManifestAsync(repo, tag, manifest, "application/vnd.oci.image.manifest.v1+json");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (manifest, Digest(manifest));
    }

    public static byte[] ImageManifest(object config, IEnumerable<object> layers, string? subject = null, string? artifactType = null, Dictionary<string, string>? annotations = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.manifest.v1+json",
            ["config"] = config,
            ["layers"] = layers,
        };
        if (artifactType is not null)
        {
            body["artifactType"] = artifactType;
        }

        if (subject is not null)
        {
            body["subject"] = new { mediaType = "application/vnd.oci.image.manifest.v1+json", digest = subject, size = 1 };
        }

        if (annotations is not null)
        {
            body["annotations"] = annotations;
        }

        return JsonSerializer.SerializeToUtf8Bytes(body);
    }

    public static byte[] Index(IEnumerable<(string Digest, int Size, string Arch)> manifests) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            schemaVersion = 2,
            mediaType = "application/vnd.oci.image.index.v1+json",
            manifests = manifests.Select(m => new
            {
                mediaType = "application/vnd.oci.image.manifest.v1+json",
                digest = m.Digest,
                size = m.Size,
                platform = new { architecture = m.Arch, os = "linux" },
            }),
        });

    public static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("errors")[0].Clone();
    }

    public static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("message").GetString()));
    }

    private static string Sep(string location) => location.Contains('?', StringComparison.Ordinal) ? "&" : "?";
}
