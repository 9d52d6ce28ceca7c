using Berth.Core.Identity;
using Berth.Core.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Management;

/// <summary>Authorization of management endpoints: one <see cref="AccessPolicy.DecideResource"/> call per request.</summary>
public static class Permissions
{
    /// <summary>Requires <paramref name="needed"/> at server scope.</summary>
    public static TBuilder RequiresOnServer<TBuilder>(this TBuilder builder, ResourcePermission needed) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var denied = await DecideAsync(context.HttpContext, null, needed);
            return denied ?? await next(context);
        });

    /// <summary>Requires <paramref name="needed"/> at the scope of the <c>{registry}</c> route value (or the server).</summary>
    public static TBuilder RequiresOnRegistry<TBuilder>(this TBuilder builder, ResourcePermission needed) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var name = context.HttpContext.Request.RouteValues["registry"] as string;
            if (RegistryNames.Resolve(name) is not { } registry)
            {
                return ApiErrors.Missing($"no registry '{name}'");
            }

            var denied = await DecideAsync(context.HttpContext, registry, needed);
            return denied ?? await next(context);
        });

    private static async Task<IResult?> DecideAsync(HttpContext context, long? registryId, ResourcePermission needed)
    {
        var caller = ManagementCaller.From(context);
        var identities = context.RequestServices.GetRequiredService<IAuthenticator>();
        var grants = await identities.GetGrantsAsync(caller.Principal, registryId ?? RegistryIds.Default, context.RequestAborted);
        var decision = AccessPolicy.DecideResource(caller.Principal, grants, registryId, needed);
        return decision.Allowed ? null : ApiErrors.Denied(decision.Reason);
    }
}

/// <summary>Registry names in management paths. Until registries become resources, only <c>default</c> exists.</summary>
public static class RegistryNames
{
    public const string Default = "default";

    public static long? Resolve(string? name) => string.Equals(name, Default, StringComparison.Ordinal) ? RegistryIds.Default : null;

    public static string NameOf(long registryId) => registryId == RegistryIds.Default ? Default : registryId.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
