using System.Reflection;
using Berth.Core.Identity;
using Berth.Core.Metadata;
using Berth.Core.Registries;
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
            var http = context.HttpContext;
            var name = http.Request.RouteValues["registry"] as string ?? string.Empty;
            var directory = http.RequestServices.GetRequiredService<IRegistryDirectory>();
            if (await directory.FindByNameAsync(name, http.RequestAborted) is not { } registry)
            {
                return ApiErrors.Missing($"no registry '{name}'");
            }

            RegistryRoute.Attach(http, registry);
            var denied = await DecideAsync(http, registry.Id, needed);
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

/// <summary>
/// The <c>{registry}</c> of a management path, bound as a handler parameter: its name, and the registry that
/// <see cref="Permissions.RequiresOnRegistry"/> resolved it to (read lazily: binding runs before endpoint filters).
/// </summary>
public sealed class RegistryRoute
{
    private static readonly object Key = new();
    private readonly HttpContext _context;

    private RegistryRoute(HttpContext context) => _context = context;

    public string Name => _context.Request.RouteValues["registry"] as string ?? string.Empty;

    public RegistryInfo Registry => _context.Items[Key] as RegistryInfo
        ?? throw new InvalidOperationException("registry endpoint mapped without RequiresOnRegistry");

    public long Id => Registry.Id;

    public override string ToString() => Name;

    internal static void Attach(HttpContext context, RegistryInfo registry) => context.Items[Key] = registry;

    /// <summary>Minimal-API binding hook.</summary>
    public static ValueTask<RegistryRoute?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<RegistryRoute?>(new RegistryRoute(context));
}
