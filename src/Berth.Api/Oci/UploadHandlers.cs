using Berth.Api.Errors;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Oci;

/// <summary>Blob uploads: <c>POST /v2/&lt;name&gt;/blobs/uploads/</c> and <c>GET|PATCH|PUT|DELETE …/uploads/&lt;id&gt;</c>.</summary>
public sealed class UploadHandlers(UploadService uploads, BlobService blobs, IBlobLocator locator)
{
    // Without from, a mount looks for a readable source among this many repositories holding the blob.
    private const int MountCandidates = 50;

    public async Task StartAsync(HttpContext context, OciCaller caller, string name)
    {
        var ct = context.RequestAborted;
        var registry = caller.RegistryId;
        var query = context.Request.Query;
        RepositoryResolver.Validate(name);
        if (query.TryGetValue("mount", out var mount))
        {
            var digest = UploadService.ParseDigest(mount.ToString());
            var from = query.TryGetValue("from", out var f) ? f.ToString() : null;
            if (from is not null)
            {
                RepositoryResolver.Validate(from);
            }

            // Mount only from a repository the caller may pull from; otherwise start a normal upload, exactly as
            // when the blob does not exist, so the answer never tells whether it does.
            var source = await MountSourceAsync(caller, digest, from, ct);
            if (source is not null && await blobs.TryMountAsync(registry, name, digest, source, ct) is not null)
            {
                Created(context, name, digest.ToString());
                return;
            }
        }
        else if (query.TryGetValue("digest", out var digestText))
        {
            var blob = await uploads.PutMonolithicAsync(registry, name, digestText.ToString(), context.Request.Body, context.Request.ContentLength, ct);
            Created(context, name, blob.Digest.ToString());
            return;
        }

        var upload = await uploads.StartAsync(registry, name, ct);
        await caller.RecordUploadOwnerAsync(upload.Id, ct);
        Progress(context, StatusCodes.Status202Accepted, name, upload.Id, 0);
    }

    private async Task<string?> MountSourceAsync(OciCaller caller, Digest digest, string? from, CancellationToken ct)
    {
        if (from is not null)
        {
            return await caller.CanReadAsync(from, ct) ? from : null;
        }

        foreach (var candidate in await locator.ListRepositoriesAsync(caller.RegistryId, digest, MountCandidates, ct))
        {
            if (await caller.CanReadAsync(candidate, ct))
            {
                return candidate;
            }
        }

        return null;
    }

    public async Task HandleAsync(HttpContext context, long registry, string name, string reference)
    {
        var ct = context.RequestAborted;
        if (!Guid.TryParseExact(reference, "N", out var id) && !Guid.TryParseExact(reference, "D", out id))
        {
            throw new OciException(ErrorCodes.BlobUploadUnknown, $"upload '{reference}' is unknown");
        }

        var request = context.Request;
        var method = request.Method;
        if (OciDispatcher.IsRead(method))
        {
            Progress(context, StatusCodes.Status204NoContent, name, id, await uploads.GetSizeAsync(registry, name, id, ct));
        }
        else if (method == HttpMethods.Patch)
        {
            var range = ParseRange(request);
            try
            {
                var size = await uploads.AppendAsync(registry, name, id, request.Body, range, request.ContentLength, ct);
                Progress(context, StatusCodes.Status202Accepted, name, id, size);
            }
            catch (OciException e) when (e.Error.Code == ErrorCodes.RangeInvalid)
            {
                await RangeErrorAsync(context, registry, name, id, e.Error);
            }
        }
        else if (method == HttpMethods.Put)
        {
            var range = ParseRange(request);
            var digest = request.Query["digest"].ToString();
            var blob = await uploads.CompleteAsync(registry, name, id, digest, request.Body, range, request.ContentLength, ct);
            Created(context, name, blob.Digest.ToString());
        }
        else if (method == HttpMethods.Delete)
        {
            await uploads.CancelAsync(registry, name, id, ct);
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.Unsupported, $"{method} is not supported on uploads");
        }
    }

    private static ContentRange? ParseRange(HttpRequest request)
    {
        var header = request.Headers.ContentRange.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        return ContentRange.TryParse(header, out var range)
            ? range
            : throw new OciException(ErrorCodes.RangeInvalid, $"malformed Content-Range '{header}'; expected <start>-<end>");
    }

    private async Task RangeErrorAsync(HttpContext context, long registry, string name, Guid id, OciError error)
    {
        var size = await uploads.GetSizeAsync(registry, name, id, CancellationToken.None);
        SetProgressHeaders(context, name, id, size);
        await ErrorWriter.WriteAsync(context, error);
    }

    private static void Progress(HttpContext context, int status, string name, Guid id, long size)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
        SetProgressHeaders(context, name, id, size);
    }

    private static void SetProgressHeaders(HttpContext context, string name, Guid id, long size)
    {
        var headers = context.Response.Headers;
        var uuid = id.ToString("N");
        headers.Location = $"/v2/{name}/blobs/uploads/{uuid}";
        headers[OciHeaders.UploadUuid] = uuid;
        headers.Range = $"0-{Math.Max(size - 1, 0)}";
    }

    private static void Created(HttpContext context, string name, string digest)
    {
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentLength = 0;
        context.Response.Headers.Location = $"/v2/{name}/blobs/{digest}";
        context.Response.Headers[OciHeaders.ContentDigest] = digest;
    }
}
