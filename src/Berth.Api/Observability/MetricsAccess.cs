using Berth.Api.Auth;
using Berth.Api.Management;
using Berth.Core.Identity;
using Berth.Core.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Api.Observability;

/// <summary>
/// Who may scrape <c>/metrics</c> (<see cref="MetricsOptions"/>): anyone when <c>AllowAnonymous</c>, otherwise a
/// principal that could read the server's resources through the management API. Answers in the management API's
/// error format.
/// </summary>
public static class MetricsAccess
{
    /// <summary>Middleware for the scrape branch: passes authorized requests on, answers the rest.</summary>
    public static async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<MetricsOptions>>().Value;
        if (!options.Enabled)
        {
            await ApiErrors.Missing("metrics are disabled (Berth:Metrics:Enabled)").ExecuteAsync(context);
            return;
        }

        var denied = options.AllowAnonymous ? null : await DecideAsync(context);
        if (denied is not null)
        {
            await denied.ExecuteAsync(context);
            return;
        }

        await next();
    }

    private static async Task<IResult?> DecideAsync(HttpContext context)
    {
        var auth = context.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
        var outcome = await context.RequestServices.GetRequiredService<RequestAuthenticator>().AuthenticateAsync(context, RegistryIds.Default);
        if (outcome.Failure == AuthenticationFailure.RateLimited)
        {
            return ApiErrors.RateLimited(context, outcome.RetryAfter ?? TimeSpan.FromMinutes(1), outcome.Message ?? "too many failed logins");
        }

        if (outcome.Caller is not { } caller || caller.Principal.IsAnonymous
            || (caller.Token is { } token && !token.Has(AccessEntry.ManagementApi)))
        {
            context.Response.Headers.WWWAuthenticate = Challenge.Bearer(context.Request, auth, AccessEntry.Management, null);
            return ApiErrors.Error(StatusCodes.Status401Unauthorized, ApiErrors.Unauthorized, outcome.Message ?? "authentication required: scrape with Basic credentials or a scope=management bearer token");
        }

        var grants = await context.RequestServices.GetRequiredService<IAuthenticator>().GetGrantsAsync(caller.Principal, RegistryIds.Default, context.RequestAborted);
        var decision = AccessPolicy.DecideResource(caller.Principal, grants, null, ResourcePermission.Read);
        return decision.Allowed ? null : ApiErrors.Denied(decision.Reason);
    }
}
