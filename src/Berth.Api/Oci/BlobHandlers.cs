using Berth.Api.Errors;
using Berth.Core.Errors;
using Berth.Core.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Berth.Api.Oci;

/// <summary><c>GET</c>/<c>HEAD</c>/<c>DELETE /v2/&lt;name&gt;/blobs/&lt;digest&gt;</c>, with single byte ranges.</summary>
public sealed class BlobHandlers(BlobService blobs)
{
    // 256 KiB: large pulls need it to keep up with nginx; 1 MiB bought nothing more and cost memory per
    // concurrent pull (A/B runs in docs/benchmarks.md).
    private const int CopyBuffer = 256 << 10;

    public async Task GetAsync(HttpContext context, long registry, string name, string reference)
    {
        var ct = context.RequestAborted;
        var blob = await blobs.StatAsync(registry, name, reference, ct);
        if (blob is null)
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.BlobUnknown, $"blob {reference} is not in repository {name}");
            return;
        }

        var response = context.Response;
        var headers = response.Headers;
        var digest = blob.Digest.ToString();
        headers[OciHeaders.ContentDigest] = digest;
        headers.ETag = $"\"{digest}\"";
        headers.AcceptRanges = "bytes";
        headers.CacheControl = "max-age=31536000";
        if (!ByteRange.TryResolve(context.Request.Headers.Range, blob.Size, out var range))
        {
            headers.ContentRange = $"bytes */{blob.Size}";
            await ErrorWriter.WriteAsync(context, new OciError(ErrorCodes.RangeInvalid, $"range not satisfiable for a blob of {blob.Size} bytes"));
            return;
        }

        var (offset, length) = range is { } r ? (r.Start, r.Length) : (0L, blob.Size);
        if (range is { } rr)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            headers.ContentRange = $"bytes {rr.Start}-{rr.End}/{blob.Size}";
        }

        response.ContentType = "application/octet-stream";
        response.ContentLength = length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var source = await blobs.OpenAsync(blob, offset, ct);
        if (source is null)
        {
            // Metadata said linked but the object is gone: report it rather than send a truncated body.
            response.ContentLength = null;
            response.StatusCode = 200;
            headers.Remove(HeaderNames.ContentRange);
            await ErrorWriter.WriteAsync(context, ErrorCodes.BlobUnknown, $"blob {digest} is missing from storage");
            return;
        }

        await CopyAsync(source, length, context);
    }

    public async Task DeleteAsync(HttpContext context, long registry, string name, string reference)
    {
        if (!await blobs.DeleteAsync(registry, name, reference, context.RequestAborted))
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.BlobUnknown, $"blob {reference} is not in repository {name}");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentLength = 0;
    }

    // Reads straight into the response pipe's memory: one copy fewer than read-into-buffer-then-write.
    private static async Task CopyAsync(Stream source, long length, HttpContext context)
    {
        var ct = context.RequestAborted;
        var writer = context.Response.BodyWriter;
        var remaining = length;
        while (remaining > 0)
        {
            var memory = writer.GetMemory((int)Math.Min(CopyBuffer, remaining));
            var read = await source.ReadAsync(memory[..(int)Math.Min(memory.Length, remaining)], ct);
            if (read == 0)
            {
                // Stored object shorter than its metadata: never complete the response as if it were whole.
                context.Abort();
                return;
            }

            writer.Advance(read);
            remaining -= read;
            var flushed = await writer.FlushAsync(ct);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }
}
