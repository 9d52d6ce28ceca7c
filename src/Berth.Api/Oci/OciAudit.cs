using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Oci;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Api.Oci;

/// <summary>
/// Audit records of authorized data-plane requests: <c>repository.push</c> (manifest PUT), <c>repository.pull</c>
/// (manifest GET — not HEAD, not blob reads, as ACR counts pulls; <see cref="AuditOptions.RecordPulls"/>), <c>repository.untag</c> (manifest DELETE by
/// tag), <c>repository.delete</c> (manifest DELETE by digest) and <c>repository.blob.delete</c>, each with the
/// outcome. They go through <see cref="AuditQueue"/>, so recording costs the request no database write.
/// </summary>
public sealed class OciAudit(AuditQueue queue, TimeProvider time, IOptions<AuditOptions> options)
{
    public void Record(HttpContext context, OciRoute route, OciCaller caller)
    {
        var method = context.Request.Method;
        var action = (route.Kind, method) switch
        {
            (OciRouteKind.Manifest, "GET") => options.Value.RecordPulls ? "repository.pull" : null,
            (OciRouteKind.Manifest, "PUT") => "repository.push",
            (OciRouteKind.Manifest, "DELETE") => Digest.TryParse(route.Reference, out _) ? "repository.delete" : "repository.untag",
            (OciRouteKind.Blob, "DELETE") => "repository.blob.delete",
            _ => null,
        };
        if (action is null)
        {
            return;
        }

        var status = context.Response.StatusCode;
        var separator = route.Reference.Contains(':', StringComparison.Ordinal) ? "@" : ":";
        var digest = context.Response.Headers[OciHeaders.ContentDigest].ToString();
        var detail = digest.Length > 0 && digest != route.Reference
            ? $"registry={caller.RegistryId} status={status} digest={digest}"
            : $"registry={caller.RegistryId} status={status}";
        queue.TryEnqueue(new AuditEntry(
            time.GetUtcNow(),
            action,
            caller.Principal.Id,
            route.Name + separator + route.Reference,
            context.Connection.RemoteIpAddress?.ToString(),
            context.TraceIdentifier,
            status < 400,
            detail));
    }
}
