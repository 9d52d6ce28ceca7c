using System.Text.Json.Serialization;
using Berth.Api.Auth;
using Berth.Api.Events;
using Berth.Api.Management.Advisories;
using Berth.Api.Management.Attributes;
using Berth.Api.Management.Audit;
using Berth.Api.Management.Gc;
using Berth.Api.Management.Keys;
using Berth.Api.Management.ManagedIdentities;
using Berth.Api.Management.Registries;
using Berth.Api.Management.RepositoryTokens;
using Berth.Api.Management.RoleAssignments;
using Berth.Api.Management.Roles;
using Berth.Api.Management.Scanning;
using Berth.Api.Management.ScopeMaps;
using Berth.Api.Management.ServicePrincipals;
using Berth.Api.Management.Users;
using Berth.Api.Management.Webhooks;
using Berth.Core.Errors;
using Berth.Core.Events;
using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Metadata;
using Berth.Core.Registries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Api.Management;

/// <summary>
/// The management API (<c>/api/v1</c>, contract in docs/management-api.md): authentication by a management
/// access token or Basic credentials of a user, service principal or managed identity; per-endpoint
/// authorization (<see cref="Permissions"/>); one error format (<see cref="ApiErrors"/>); the OpenAPI document
/// at <c>/api/v1/openapi.json</c>.
/// </summary>
public static class ManagementApi
{
    public const string Prefix = "/api/v1";

    public static IServiceCollection AddManagementApi(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddSingleton<RegistryViews>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi("v1", o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/v1", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Berth management API";
                document.Info.Description = "Identities, role assignments, tokens, scope maps, locks, webhooks, audit, vulnerability advisories, scan policies and scans of a Berth server. Authenticate with a bearer token from /oauth2/token (scope=management) or HTTP Basic.";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Turns request-binding failures (malformed JSON, missing body) under <c>/api/v1</c> into 400 InvalidRequest.</summary>
    public static IApplicationBuilder UseManagementErrors(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!context.Request.Path.StartsWithSegments(Prefix, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ApiErrors.Invalid(e.Message).ExecuteAsync(context);
        }
    });

    public static IEndpointRouteBuilder MapManagementApi(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(Prefix + "/openapi.json");
        var api = app.MapGroup(Prefix)
            .AddEndpointFilter(AuthenticateAsync)
            .AddEndpointFilter(MapExceptionsAsync)
            .WithTags("management");
        api.MapRoles();
        api.MapUsers();
        api.MapServicePrincipals();
        api.MapManagedIdentities();
        api.MapRegistries();
        api.MapAdminUser();
        api.MapNetworkRules();
        api.MapRepositoryTokens();
        api.MapScopeMaps();
        api.MapRoleAssignments();
        api.MapAttributes();
        api.MapAudit();
        api.MapAuditChain();
        api.MapSigningKeys();
        api.MapGc();
        api.MapAdvisories();
        api.MapWebhooks();
        api.MapScanPolicy();
        api.MapScans();
        return app;
    }

    private static async ValueTask<object?> AuthenticateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (http.Request.Headers.Authorization.Count == 0)
        {
            return Unauthenticated(http, options, "authentication required: send a bearer token from /oauth2/token (scope=management) or Basic credentials");
        }

        // Management tokens come from the token service of the host they are used at, like registry tokens.
        var registry = await http.RequestServices.GetRequiredService<IRegistryDirectory>().ResolveHostAsync(http.Request.Host.Value ?? string.Empty, http.RequestAborted);
        var outcome = await http.RequestServices.GetRequiredService<RequestAuthenticator>().AuthenticateAsync(http, registry?.Id ?? RegistryIds.Default);
        if (outcome.Failure == AuthenticationFailure.RateLimited)
        {
            return ApiErrors.RateLimited(http, outcome.RetryAfter ?? TimeSpan.FromMinutes(1), outcome.Message ?? "too many failed logins");
        }

        if (outcome.Caller is not { } caller || caller.Principal.IsAnonymous)
        {
            return Unauthenticated(http, options, outcome.Message ?? "authentication required");
        }

        if (caller.Token is { } token && !token.Has(AccessEntry.ManagementApi))
        {
            return Unauthenticated(http, options, "this access token is not for the management API; request one with scope=management", "insufficient_scope");
        }

        if (!ScopeGranter.CanUseManagementApi(caller.Principal))
        {
            return ApiErrors.Denied($"{caller.Principal.Kind} '{caller.Principal.Name}' cannot use the management API: repository tokens and admin users are for the registry only");
        }

        var source = http.Connection.RemoteIpAddress?.ToString();
        ManagementCaller.Attach(http, caller.Principal, source);

        // Core services audit with the actor they are given; the address and request id travel ambiently, and so do
        // the request facts of events that management changes append.
        using (AuditContext.Use(source, http.TraceIdentifier, caller.Principal))
        using (EventContext.Use(RequestOrigin.Of(http, caller.Principal)))
        {
            return await next(context);
        }
    }

    private static async ValueTask<object?> MapExceptionsAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (IdentityException e)
        {
            return ApiErrors.FromIdentity(e);
        }
        catch (OciException e)
        {
            return ApiErrors.FromOci(e);
        }
    }

    private static IResult Unauthenticated(HttpContext http, AuthOptions options, string message, string? error = null)
    {
        http.Response.Headers.WWWAuthenticate = Challenge.Bearer(http.Request, options, AccessEntry.Management, error);
        return ApiErrors.Error(StatusCodes.Status401Unauthorized, ApiErrors.Unauthorized, message);
    }
}
