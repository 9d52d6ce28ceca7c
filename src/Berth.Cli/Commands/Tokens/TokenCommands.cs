using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Tokens;

/// <summary><c>berth token create|list|show|update|delete|credential generate</c>: repository-scoped tokens of a registry.</summary>
internal static class TokenCommands
{
    internal static readonly Column[] Fields =
    [
        Column.Of("Name", "name"), Column.Of("Scope map", "scopeMap"), Column.Of("Enabled", "enabled"), Column.Of("Id", "id"),
        Column.Date("Created", "createdAt"),
        new("Passwords", t => string.Join(", ", Json.Array(t, "passwords").Select(p => $"{Json.Text(p, "id")} (expires {Json.Date(p, "expiresAt") ?? "never"})"))),
    ];

    private static readonly Column[] ListColumns = [Fields[0], Fields[1], Fields[2], Fields[4], Fields[5]];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("token", "Manage repository-scoped tokens (rights from a scope map; two passwords)",
        CreateToken(env), List(env), Show(env), Update(env), Delete(env),
        ManagementCommand.Group("credential", "Manage a token's passwords", Generate(env)));

    private static Command CreateToken(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Token name (also the user name to log in with)" };
        var scopeMap = new Option<string>("--scope-map") { Description = "Scope map giving the token its rights (e.g. _repositories_pull)", Required = true };
        var disabled = new Option<bool>("--disabled") { Description = "Create the token disabled" };
        var days = new Option<int?>("--password-lifetime-days") { Description = "Expiry of password1 in days (default: never)" };
        var secret = new SecretOutput();
        return ManagementCommand.Create(env, "create", "Create a token; prints password1 once", [name, scopeMap, disabled, days, .. secret.Symbols], async c =>
        {
            var token = await c.PostAsync(c.RegistryPath + "tokens",
                new { name = c.Get(name), scopeMap = c.Get(scopeMap), enabled = !c.Get(disabled), passwordLifetimeDays = c.Get(days) });
            return secret.Print(c, token, "password1");
        }, registryScoped: true, outputs: SecretOutput.Formats);
    }

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List the registry's tokens", [], async c =>
            c.PrintList(await c.GetAsync(c.RegistryPath + "tokens"), "No tokens.", ListColumns), registryScoped: true);

    private static Command Show(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Token name" };
        return ManagementCommand.Create(env, "show", "Show a token (password expiry, never values)", [name], async c =>
            c.Print(await c.GetAsync(c.RegistryPath + "tokens/" + ApiClient.Segment(c.Get(name))), Fields), registryScoped: true);
    }

    private static Command Update(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Token name" };
        var scopeMap = new Option<string?>("--scope-map") { Description = "New scope map" };
        var enabled = new Option<bool?>("--enabled") { Description = "Enable (true) or disable (false); disabling stops the token at once" };
        return ManagementCommand.Create(env, "update", "Change a token's scope map or enable/disable it", [name, scopeMap, enabled], async c =>
        {
            if (c.Get(scopeMap) is null && c.Get(enabled) is null)
            {
                throw CliException.Usage("nothing to update: give --scope-map and/or --enabled");
            }

            var token = await c.PatchAsync(c.RegistryPath + "tokens/" + ApiClient.Segment(c.Get(name)), new { scopeMap = c.Get(scopeMap), enabled = c.Get(enabled) });
            return c.Print(token, Fields);
        }, registryScoped: true);
    }

    private static Command Delete(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Token name" };
        return ManagementCommand.Create(env, "delete", "Delete a token (its passwords stop working at once)", [name], async c =>
        {
            await c.DeleteAsync(c.RegistryPath + "tokens/" + ApiClient.Segment(c.Get(name)));
            Printer.Deleted(c, $"token {c.Get(name)}");
            return ExitCodes.Ok;
        }, registryScoped: true);
    }

    private static Command Generate(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Token name" };
        var slot = new Option<string>("--password-name") { Description = "Which password to (re)generate", DefaultValueFactory = _ => "password1" };
        slot.AcceptOnlyFromAmong("password1", "password2");
        var days = new Option<int?>("--lifetime-days") { Description = "Expiry of the new password in days (default: never)" };
        var secret = new SecretOutput();
        return ManagementCommand.Create(env, "generate", "Generate a new password for a token; prints it once (or as a Kubernetes pull secret)", [name, slot, days, .. secret.Symbols], async c =>
        {
            var token = await c.PostAsync($"{c.RegistryPath}tokens/{ApiClient.Segment(c.Get(name))}/credentials",
                new { name = c.Get(slot), lifetimeDays = c.Get(days) });
            return secret.Print(c, token, c.Get(slot));
        }, registryScoped: true, outputs: SecretOutput.Formats);
    }
}
