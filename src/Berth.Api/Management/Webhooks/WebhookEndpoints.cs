using Berth.Core.Identity;
using Berth.Core.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using static Berth.Api.Management.Webhooks.WebhookViews;

namespace Berth.Api.Management.Webhooks;

/// <summary><c>/api/v1/registries/{registry}/webhooks</c>: webhooks, pings and their delivery log.</summary>
public static class WebhookEndpoints
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var hooks = api.MapGroup("/registries/{registry}/webhooks").WithTags("webhooks");
        hooks.MapPost("/", CreateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("CreateWebhook");
        hooks.MapGet("/", ListAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("ListWebhooks");
        hooks.MapGet("/{name}", GetAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("GetWebhook");
        hooks.MapPatch("/{name}", UpdateAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("UpdateWebhook");
        hooks.MapDelete("/{name}", DeleteAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("DeleteWebhook");
        hooks.MapPost("/{name}/ping", PingAsync).RequiresOnRegistry(ResourcePermission.Manage).WithName("PingWebhook");
        hooks.MapGet("/{name}/events", ListEventsAsync).RequiresOnRegistry(ResourcePermission.Read).WithName("ListWebhookEvents");
        return api;
    }

    public static async Task<IResult> CreateAsync(RegistryRoute registry, CreateWebhookRequest body, ManagementCaller caller, WebhookService webhooks, CancellationToken ct)
    {
        var (enabled, format, problem) = Parse(body.Status, body.Format);
        if (problem is not null || body.Name is null || body.ServiceUri is null)
        {
            return ApiErrors.Invalid(problem ?? "name and serviceUri are required");
        }

        var spec = new WebhookSpec(body.ServiceUri, body.Actions, body.Scope, enabled, format, body.CustomHeaders);
        var created = await webhooks.CreateAsync(registry.Id, body.Name, spec, caller.Principal, ct);
        return created.Ok
            ? Results.Created($"{ManagementApi.Prefix}/registries/{registry}/webhooks/{Uri.EscapeDataString(body.Name)}", CreatedView.Of(created.Value!))
            : Problem(created.Problem!);
    }

    public static async Task<IResult> ListAsync(RegistryRoute registry, WebhookService webhooks, CancellationToken ct) =>
        Results.Ok((await webhooks.ListAsync(registry.Id, ct)).Select(WebhookView.Of));

    public static async Task<IResult> GetAsync(RegistryRoute registry, string name, WebhookService webhooks, CancellationToken ct) =>
        await webhooks.GetAsync(registry.Id, name, ct) is { } hook ? Results.Ok(WebhookView.Of(hook)) : NotFound(name);

    public static async Task<IResult> UpdateAsync(RegistryRoute registry, string name, UpdateWebhookRequest body, ManagementCaller caller, WebhookService webhooks, CancellationToken ct)
    {
        var (enabled, format, problem) = Parse(body.Status, body.Format);
        if (problem is not null)
        {
            return ApiErrors.Invalid(problem);
        }

        var spec = new WebhookSpec(body.ServiceUri, body.Actions, body.Scope, enabled, format, body.CustomHeaders);
        var updated = await webhooks.UpdateAsync(registry.Id, name, spec, caller.Principal, ct);
        return updated.Ok ? Results.Ok(WebhookView.Of(updated.Value!)) : Problem(updated.Problem!);
    }

    public static async Task<IResult> DeleteAsync(RegistryRoute registry, string name, ManagementCaller caller, WebhookService webhooks, CancellationToken ct) =>
        await webhooks.DeleteAsync(registry.Id, name, caller.Principal, ct) ? Results.NoContent() : NotFound(name);

    /// <summary>Sends a ping now and answers with the logged delivery (200 whatever the receiver said).</summary>
    public static async Task<IResult> PingAsync(RegistryRoute registry, string name, WebhookService webhooks, CancellationToken ct)
    {
        var ping = await webhooks.PingAsync(registry.Id, name, ct);
        return ping.Ok ? Results.Ok(DeliveryView.Of(ping.Value!)) : Problem(ping.Problem!);
    }

    /// <summary>The delivery log, newest first; <c>n</c> (1-1000, default 100) limits it.</summary>
    public static async Task<IResult> ListEventsAsync(RegistryRoute registry, string name, int? n, WebhookService webhooks, CancellationToken ct)
    {
        if (n is < 1 or > WebhookService.MaxLogPage)
        {
            return ApiErrors.Invalid($"n must be between 1 and {WebhookService.MaxLogPage}");
        }

        var log = await webhooks.ListDeliveriesAsync(registry.Id, name, n ?? 100, ct);
        return log is null ? NotFound(name) : Results.Ok(log.Select(DeliveryView.Of));
    }

    private static IResult NotFound(string name) => ApiErrors.Missing($"no webhook '{name}'");

    private static IResult Problem(WebhookProblem problem) => problem.Kind switch
    {
        WebhookProblemKind.NotFound => ApiErrors.Missing(problem.Message),
        WebhookProblemKind.Conflict => ApiErrors.Error(StatusCodes.Status409Conflict, ApiErrors.Conflict, problem.Message),
        WebhookProblemKind.LimitReached => ApiErrors.Error(StatusCodes.Status409Conflict, ApiErrors.QuotaExceeded, problem.Message),
        _ => ApiErrors.Invalid(problem.Message),
    };
}
