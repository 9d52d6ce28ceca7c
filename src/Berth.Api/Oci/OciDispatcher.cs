using Berth.Api.Errors;
using Berth.Api.Events;
using Berth.Api.Limits;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Identity.Audit;
using Berth.Core.Registries;
using Berth.Core.Registry;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Oci;

/// <summary>
/// Routes every <c>/v2/</c> request to its registry (by the Host header) and by (endpoint, method) to its handler,
/// after the registry's network rules (<see cref="NetworkGate"/>, before credentials are read) have let it in,
/// <see cref="OciGate"/> has authenticated and authorized it and the SKU's operation rate (<see cref="ThrottleGate"/>)
/// allows it, and turns expected failures into the spec's error responses in one place.
/// </summary>
public sealed class OciDispatcher(
    BlobHandlers blobs, UploadHandlers uploads, ManifestHandlers manifests, ListingHandlers listings, OciGate gate, IRegistryDirectory directory,
    NetworkGate network, ThrottleGate throttle, OciAudit audit, WriteActivity writes)
{
    public async Task HandleAsync(HttpContext context, string? path)
    {
        context.Response.Headers[OciHeaders.ApiVersion] = OciHeaders.ApiVersionValue;
        var route = OciRoute.Parse(path);
        var method = context.Request.Method;
        OciCaller? caller = null;
        // Logins on the data plane (Basic credentials) are audited with this request's id.
        using var call = AuditContext.Use(context.Connection.RemoteIpAddress?.ToString(), context.TraceIdentifier);
        try
        {
            // The Host header picks the registry (its login server); any other host name reaches the default one.
            if (await directory.ResolveHostAsync(context.Request.Host.Value ?? string.Empty, context.RequestAborted) is not { } info)
            {
                await ErrorWriter.WriteAsync(context, ErrorCodes.NotFound, "no registry serves this host name and no default registry is configured");
                return;
            }

            if (!await network.AdmitAsync(context, info))
            {
                return;
            }

            var registry = info.Id;
            caller = await gate.AuthorizeAsync(context, route, registry);
            if (caller is null || !await throttle.AdmitAsync(context, info, route.Kind))
            {
                return;
            }

            if (!IsRead(method))
            {
                writes.Note(); // background scans yield to pushes
            }

            // Only writes append events: pulls, the hot path, skip setting the ambient origin.
            using var origin = IsRead(method) ? null : EventContext.Use(RequestOrigin.Of(context, caller.Principal));

            var handled = route.Kind switch
            {
                OciRouteKind.Base when IsRead(method) => Base(context),
                OciRouteKind.Catalog when IsRead(method) => listings.CatalogAsync(context, caller),
                OciRouteKind.Tags when IsRead(method) => listings.TagsAsync(context, caller, route.Name),
                OciRouteKind.Referrers when IsRead(method) => listings.ReferrersAsync(context, registry, route.Name, route.Reference),
                OciRouteKind.Manifest when IsRead(method) => manifests.GetAsync(context, caller, registry, route.Name, route.Reference),
                OciRouteKind.Manifest when method == HttpMethods.Put => manifests.PutAsync(context, registry, route.Name, route.Reference, caller.ManifestBody),
                OciRouteKind.Manifest when method == HttpMethods.Delete => manifests.DeleteAsync(context, registry, route.Name, route.Reference),
                OciRouteKind.Blob when IsRead(method) => blobs.GetAsync(context, registry, route.Name, route.Reference),
                OciRouteKind.Blob when method == HttpMethods.Delete => blobs.DeleteAsync(context, registry, route.Name, route.Reference),
                OciRouteKind.UploadStart when method == HttpMethods.Post => uploads.StartAsync(context, caller, route.Name),
                OciRouteKind.Upload => uploads.HandleAsync(context, registry, route.Name, route.Reference),
                OciRouteKind.Unknown => ErrorWriter.WriteAsync(context, ErrorCodes.NotFound),
                _ => ErrorWriter.WriteAsync(context, ErrorCodes.Unsupported, $"{method} is not supported on this endpoint"),
            };
            await handled;
        }
        catch (OciException e)
        {
            await ErrorWriter.WriteAsync(context, e.Error);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.TooLarge, e.Message);
        }

        if (caller is not null)
        {
            audit.Record(context, route, caller);
        }
    }

    internal static bool IsRead(string method) => method == HttpMethods.Get || method == HttpMethods.Head;

    private static Task Base(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = 2;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.WriteAsync("{}");
    }
}
