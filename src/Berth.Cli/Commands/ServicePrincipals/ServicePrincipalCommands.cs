using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.ServicePrincipals;

/// <summary><c>berth sp create|list|show|delete|credential reset|credential delete</c>: identities for automation.</summary>
internal static class ServicePrincipalCommands
{
    private static readonly Column[] Fields =
    [
        Column.Of("Name", "name"), Column.Of("App id", "appId"), Column.Of("Id", "id"), Column.Of("Enabled", "enabled"),
        Column.Date("Created", "createdAt"), Column.Count("Secrets", "secrets"), new("Next expiry", NextExpiry),
    ];

    private static readonly Column[] SecretColumns =
    [
        Column.Of("Secret id", "id"), Column.Of("Description", "description"), Column.Date("Created", "createdAt"), Column.Date("Expires", "expiresAt", "never"),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("sp", "Manage service principals (app id + client secrets, for automation)",
        CreateSp(env), List(env), ShowSp(env), Delete(env),
        ManagementCommand.Group("credential", "Manage a service principal's client secrets", Reset(env), DeleteSecret(env)));

    private static Command CreateSp(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Unique name of the service principal" };
        var days = new Option<int?>("--secret-lifetime-days") { Description = "Lifetime of the first client secret in days (server default: 365)" };
        return ManagementCommand.Create(env, "create", "Create a service principal and its first client secret", [name, days], async c =>
        {
            var sp = await c.PostAsync("service-principals", new { name = c.Get(name), secretLifetimeDays = c.Get(days) });
            return ShowWithSecret(c, sp);
        });
    }

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List service principals", [], async c =>
            c.PrintList(await c.GetAsync("service-principals"), "No service principals.", [.. Fields.Where((_, i) => i != 2)]));

    private static Command ShowSp(CliEnvironment env)
    {
        var sp = new Argument<string>("app-id-or-name") { Description = "App id or name" };
        return ManagementCommand.Create(env, "show", "Show a service principal and its secrets (never their values)", [sp], async c =>
        {
            var result = await c.GetAsync("service-principals/" + ApiClient.Segment(c.Get(sp)));
            c.Print(result, Fields);
            if (!c.Json && result is { } r)
            {
                Printer.Table(c.Env, r.TryGetProperty("secrets", out var s) ? s : null, "No client secrets.", SecretColumns);
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Delete(CliEnvironment env)
    {
        var sp = new Argument<string>("app-id-or-name") { Description = "App id or name" };
        return ManagementCommand.Create(env, "delete", "Delete a service principal (its secrets stop working at once)", [sp], async c =>
        {
            await c.DeleteAsync("service-principals/" + ApiClient.Segment(c.Get(sp)));
            Printer.Deleted(c, $"service principal {c.Get(sp)}");
            return ExitCodes.Ok;
        });
    }

    private static Command Reset(CliEnvironment env)
    {
        var sp = new Argument<string>("app-id-or-name") { Description = "App id or name" };
        var days = new Option<int?>("--lifetime-days") { Description = "Lifetime of the new secret in days (server default: 365)" };
        var append = new Option<bool>("--append") { Description = "Keep the existing secrets (rotation without downtime); default removes them" };
        var description = new Option<string?>("--description") { Description = "Note stored with the secret, e.g. where it is used" };
        return ManagementCommand.Create(env, "reset", "Create a new client secret (removing the others unless --append)", [sp, days, append, description], async c =>
        {
            var result = await c.PostAsync($"service-principals/{ApiClient.Segment(c.Get(sp))}/credentials",
                new { lifetimeDays = c.Get(days), append = c.Get(append), description = c.Get(description) });
            return ShowWithSecret(c, result);
        });
    }

    private static Command DeleteSecret(CliEnvironment env)
    {
        var sp = new Argument<string>("app-id-or-name") { Description = "App id or name" };
        var secretId = new Argument<string>("secret-id") { Description = "Id of the secret (see `berth sp show`)" };
        return ManagementCommand.Create(env, "delete", "Delete one client secret", [sp, secretId], async c =>
        {
            await c.DeleteAsync($"service-principals/{ApiClient.Segment(c.Get(sp))}/credentials/{ApiClient.Segment(c.Get(secretId))}");
            Printer.Deleted(c, $"secret {c.Get(secretId)} of {c.Get(sp)}");
            return ExitCodes.Ok;
        });
    }

    private static int ShowWithSecret(CommandContext c, JsonElement? sp)
    {
        c.Print(sp, Fields);
        if (!c.Json && sp is { } s)
        {
            c.Secret("Client secret", Json.String(s, "secret"));
            c.Env.Out.WriteLine($"Log in with: berth login {c.Api.Server.Key} --service-principal --username {Json.Text(s, "appId")} --password-stdin");
        }

        return ExitCodes.Ok;
    }

    private static string NextExpiry(JsonElement sp) =>
        Json.Array(sp, "secrets").Select(s => Json.Date(s, "expiresAt")).Where(d => d is not null).Order(StringComparer.Ordinal).FirstOrDefault() ?? "";
}
