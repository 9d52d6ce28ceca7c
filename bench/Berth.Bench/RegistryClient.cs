using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Berth.Bench;

/// <summary>
/// The OCI distribution calls the scenarios make, written once so both registries see byte-identical
/// requests. Any unexpected status is a <see cref="BenchException"/>: a benchmark of errors is no benchmark.
/// </summary>
internal sealed class RegistryClient(HttpClient http, Uri baseUri, AuthenticationHeaderValue? authorization = null)
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    public Uri BaseUri => baseUri;

    /// <summary>The <c>Authorization</c> header every request carries, for load generators outside this class; null without credentials.</summary>
    public string? AuthorizationHeader => authorization?.ToString();

    /// <summary>A request with this client's credentials, if any.</summary>
    public HttpRequestMessage Request(HttpMethod method, Uri uri, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, uri) { Content = content };
        request.Headers.Authorization = authorization;
        return request;
    }

    public Uri BlobUri(string repo, string digest) => new(baseUri, $"v2/{repo}/blobs/{digest}");

    public Uri ManifestUri(string repo, string reference) => new(baseUri, $"v2/{repo}/manifests/{reference}");

    public async Task CheckAsync(CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, new Uri(baseUri, "v2/"));
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, HttpStatusCode.OK, "GET /v2/");
    }

    /// <summary>POST to open a session, then one PUT with the whole body and the digest. Returns the PUT's duration.</summary>
    public async Task<TimeSpan> PushMonolithicAsync(string repo, ReadOnlyMemory<byte> content, string digest, CancellationToken ct)
    {
        var location = await StartUploadAsync(repo, ct);
        var start = Stopwatch.GetTimestamp();
        using var put = Request(HttpMethod.Put, WithDigest(location, digest), Octets(content));
        using var response = await http.SendAsync(put, ct);
        await ExpectAsync(response, HttpStatusCode.Created, "PUT blob");
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>POST, PATCHes of <paramref name="chunkSize"/> bytes with Content-Range, then a PUT without body. Returns the PUT's duration.</summary>
    public async Task<TimeSpan> PushChunkedAsync(string repo, ReadOnlyMemory<byte> content, string digest, int chunkSize, CancellationToken ct)
    {
        var location = await StartUploadAsync(repo, ct);
        for (var offset = 0; offset < content.Length; offset += chunkSize)
        {
            var chunk = content.Slice(offset, Math.Min(chunkSize, content.Length - offset));
            var body = Octets(chunk);
            body.Headers.TryAddWithoutValidation("Content-Range", $"{offset}-{offset + chunk.Length - 1}");
            using var patch = Request(HttpMethod.Patch, location, body);
            using var response = await http.SendAsync(patch, ct);
            await ExpectAsync(response, HttpStatusCode.Accepted, "PATCH blob chunk");
            location = Resolve(response);
        }

        var start = Stopwatch.GetTimestamp();
        using var put = Request(HttpMethod.Put, WithDigest(location, digest), Octets(ReadOnlyMemory<byte>.Empty));
        using var done = await http.SendAsync(put, ct);
        await ExpectAsync(done, HttpStatusCode.Created, "PUT blob (close chunked upload)");
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Cross-repository mount; true when the registry linked the blob (201).</summary>
    public async Task MountAsync(string repo, string digest, string from, CancellationToken ct)
    {
        var uri = new Uri(baseUri, $"v2/{repo}/blobs/uploads/?mount={Uri.EscapeDataString(digest)}&from={Uri.EscapeDataString(from)}");
        using var request = Request(HttpMethod.Post, uri, Octets(ReadOnlyMemory<byte>.Empty));
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, HttpStatusCode.Created, "POST blob mount");
    }

    /// <summary>GETs <paramref name="uri"/> into <paramref name="buffer"/> (discarding it) and returns the bytes read.</summary>
    public async Task<long> DrainAsync(Uri uri, byte[] buffer, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, uri);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await ExpectAsync(response, HttpStatusCode.OK, $"GET {uri.AbsolutePath}");
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
        }

        return total;
    }

    public async Task PutManifestAsync(string repo, string reference, byte[] manifest, CancellationToken ct)
    {
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue(OciManifest);
        using var request = Request(HttpMethod.Put, ManifestUri(repo, reference), content);
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, HttpStatusCode.Created, "PUT manifest");
    }

    public async Task<long> GetManifestAsync(string repo, string reference, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, ManifestUri(repo, reference));
        request.Headers.Accept.ParseAdd(OciManifest);
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, HttpStatusCode.OK, "GET manifest");
        return (await response.Content.ReadAsByteArrayAsync(ct)).Length;
    }

    /// <summary>Follows <c>Link: rel="next"</c> from <paramref name="path"/>; returns the items of <paramref name="property"/> and the page count.</summary>
    public async Task<(int Items, int Pages)> ListAllAsync(string path, string property, int maxPages, CancellationToken ct)
    {
        var next = new Uri(baseUri, path);
        var items = 0;
        var pages = 0;
        while (next is not null && pages < maxPages)
        {
            using var request = Request(HttpMethod.Get, next);
            using var response = await http.SendAsync(request, ct);
            await ExpectAsync(response, HttpStatusCode.OK, $"GET {next.PathAndQuery}");
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var json = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            items += json.RootElement.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array ? list.GetArrayLength() : 0;
            pages++;
            next = NextLink(response);
        }

        return (items, pages);
    }

    private async Task<Uri> StartUploadAsync(string repo, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Post, new Uri(baseUri, $"v2/{repo}/blobs/uploads/"), Octets(ReadOnlyMemory<byte>.Empty));
        using var response = await http.SendAsync(request, ct);
        await ExpectAsync(response, HttpStatusCode.Accepted, "POST blob upload");
        return Resolve(response);
    }

    private Uri Resolve(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? new Uri(baseUri, location) : throw new BenchException("upload response has no Location");

    private Uri? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            var start = value.IndexOf('<', StringComparison.Ordinal);
            var end = value.IndexOf('>', StringComparison.Ordinal);
            if (start >= 0 && end > start && value.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                return new Uri(baseUri, value[(start + 1)..end]);
            }
        }

        return null;
    }

    private static Uri WithDigest(Uri location, string digest)
    {
        var text = location.AbsoluteUri;
        var separator = text.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        return new Uri($"{text}{separator}digest={Uri.EscapeDataString(digest)}");
    }

    private static ReadOnlyMemoryContent Octets(ReadOnlyMemory<byte> body)
    {
        var content = new ReadOnlyMemoryContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.ContentLength = body.Length;
        return content;
    }

    private static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new BenchException($"{what}: expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
    }
}
