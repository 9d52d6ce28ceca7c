using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Oci;

/// <summary>Maps the OCI distribution API and registers its handlers.</summary>
public static class OciEndpoints
{
    private static readonly string[] Methods =
        [HttpMethods.Get, HttpMethods.Head, HttpMethods.Put, HttpMethods.Post, HttpMethods.Patch, HttpMethods.Delete];

    public static IServiceCollection AddOciApi(this IServiceCollection services) => services
        .AddSingleton<BlobHandlers>()
        .AddSingleton<UploadHandlers>()
        .AddSingleton<ManifestHandlers>()
        .AddSingleton<ListingHandlers>()
        .AddSingleton<OciGate>()
        .AddSingleton<OciAudit>()
        .AddSingleton<OciDispatcher>();

    public static IEndpointRouteBuilder MapOci(this IEndpointRouteBuilder app)
    {
        var dispatcher = app.ServiceProvider.GetRequiredService<OciDispatcher>();
        app.MapMethods("/v2", Methods, context => dispatcher.HandleAsync(context, null));
        app.MapMethods("/v2/{**path}", Methods, context => dispatcher.HandleAsync(context, context.Request.RouteValues["path"] as string));
        return app;
    }
}
