using Berth.Api.Errors;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Registry;
using Berth.Core.Scanning;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Api.Oci;

/// <summary>
/// <c>GET|HEAD|PUT|DELETE /v2/&lt;name&gt;/manifests/&lt;reference&gt;</c>. Pulls also pass the scanning
/// <see cref="IPullGate"/> (quarantine, vulnerability gate): ACR and Harbor gate the manifest, which a client needs
/// before it can name any layer, so blob GETs are not gated.
/// </summary>
public sealed class ManifestHandlers(ManifestService manifests, IOptions<RegistryOptions> options, IPullGate pullGate, PullActivity pulls)
{
    public async Task GetAsync(HttpContext context, OciCaller caller, long registry, string name, string reference)
    {
        var manifest = await manifests.GetAsync(registry, name, reference, context.RequestAborted);
        if (manifest is null)
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.ManifestUnknown, $"manifest {reference} is not in repository {name}");
            return;
        }

        if (!Accepts(context.Request.Headers.Accept, manifest.MediaType))
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.ManifestUnknown, $"manifest {reference} is a {manifest.MediaType}, which the Accept header does not list");
            return;
        }

        var target = new ScanTarget(registry, name, manifest.Digest);
        var verdict = await pullGate.CheckAsync(new PullCheck(target, manifest, caller.Principal, caller.GrantsAsync), context.RequestAborted);
        if (!verdict.Allowed)
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.Denied, verdict.DenialMessage);
            return;
        }

        if (!HttpMethods.IsHead(context.Request.Method))
        {
            pulls.Record(target);
        }

        var response = context.Response;
        var digest = manifest.Digest.ToString();
        response.ContentType = manifest.MediaType;
        response.ContentLength = manifest.Size;
        response.Headers[OciHeaders.ContentDigest] = digest;
        response.Headers.ETag = $"\"{digest}\"";
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(manifest.Content, context.RequestAborted);
        }
    }

    /// <summary>Stores a manifest; <paramref name="body"/> is the request body when authorization already read it.</summary>
    public async Task PutAsync(HttpContext context, long registry, string name, string reference, byte[]? body = null)
    {
        body ??= await ReadBodyAsync(context.Request, options.Value.MaxManifestBytes, context.RequestAborted);
        var (digest, subject) = await manifests.PutAsync(registry, name, reference, context.Request.ContentType, body, context.RequestAborted);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentLength = 0;
        response.Headers.Location = $"/v2/{name}/manifests/{digest}";
        response.Headers[OciHeaders.ContentDigest] = digest.ToString();
        if (subject is { } s)
        {
            response.Headers[OciHeaders.Subject] = s.ToString();
        }
    }

    public async Task DeleteAsync(HttpContext context, long registry, string name, string reference)
    {
        if (!await manifests.DeleteAsync(registry, name, reference, context.RequestAborted))
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.ManifestUnknown, $"manifest {reference} is not in repository {name}");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
    }

    /// <summary>True when the Accept header is absent, or a wildcard or the media type is listed with q above 0.</summary>
    internal static bool Accepts(string? accept, string mediaType)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return true;
        }

        foreach (var part in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var type = pieces[0];
            if (pieces.Skip(1).Any(IsQualityZero))
            {
                continue;
            }

            if (type is "*/*" or "application/*" || string.Equals(type, mediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    // RFC 9110 §12.4.2: q=0 means "not acceptable".
    private static bool IsQualityZero(string parameter) =>
        parameter.StartsWith("q=", StringComparison.OrdinalIgnoreCase)
        && double.TryParse(parameter.AsSpan(2), System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var q)
        && q == 0;

    internal static async Task<byte[]> ReadBodyAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            throw new OciException(ErrorCodes.TooLarge, $"manifest of {request.ContentLength} bytes exceeds the limit of {limit} bytes");
        }

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)n : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new OciException(ErrorCodes.TooLarge, $"manifest exceeds the limit of {limit} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
