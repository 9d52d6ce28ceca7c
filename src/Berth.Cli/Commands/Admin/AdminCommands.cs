using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Admin;

/// <summary>
/// <c>berth admin enable|disable|show-credentials|regenerate-password</c>: a registry's admin user (off by default).
/// Every command repeats ACR's advice that it is not meant for several people.
/// </summary>
internal static class AdminCommands
{
    public const string Advice =
        "the admin user is not recommended for multiple users: break-glass and quick tests only; use tokens or service principals.";

    private static readonly Column[] Fields =
    [
        Column.Of("Registry id", "registryId"), Column.Of("Username", "username"), Column.Of("Enabled", "enabled"),
        new("Passwords", a => string.Join(", ", Json.Array(a, "passwords").Select(p => $"{Json.Text(p, "id")} (created {Json.Date(p, "createdAt")})"))),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("admin", "Manage a registry's admin user (break-glass access; disabled by default)",
        Enable(env), Disable(env), ShowCredentials(env), Regenerate(env));

    private static Command Enable(CliEnvironment env) =>
        ManagementCommand.Create(env, "enable", "Enable the admin user (generates its two passwords the first time)", [], async c =>
        {
            c.Env.Warn(Advice);
            var admin = await c.PostAsync(c.RegistryPath + "admin/enable", null);
            c.Print(admin, Fields);
            if (admin is { } a && a.TryGetProperty("newPasswords", out var passwords)
                && passwords.ValueKind == JsonValueKind.Object && passwords.EnumerateObject().Any())
            {
                foreach (var p in passwords.EnumerateObject())
                {
                    c.Secret(p.Name, p.Value.GetString());
                }
            }
            else if (!c.Json)
            {
                c.Env.Out.WriteLine("Its passwords already existed and are not shown again; use `berth admin regenerate-password` for a new one.");
            }

            return ExitCodes.Ok;
        }, registryScoped: true);

    private static Command Disable(CliEnvironment env) =>
        ManagementCommand.Create(env, "disable", "Disable the admin user (its passwords stop working at once)", [], async c =>
        {
            c.Env.Warn(Advice);
            return c.Print(await c.PostAsync(c.RegistryPath + "admin/disable", null), Fields);
        }, registryScoped: true);

    private static Command ShowCredentials(CliEnvironment env) =>
        ManagementCommand.Create(env, "show-credentials", "Show the admin user name, state and password slots (values are shown only when generated)", [], async c =>
        {
            c.Env.Warn(Advice);
            var admin = await c.GetAsync(c.RegistryPath + "admin");
            c.Print(admin, Fields);
            if (!c.Json)
            {
                c.Env.Out.WriteLine("Password values are shown only when generated; `berth admin regenerate-password` makes a new one.");
            }

            return ExitCodes.Ok;
        }, registryScoped: true);

    private static Command Regenerate(CliEnvironment env)
    {
        var name = new Option<string>("--name") { Description = "Which password to regenerate", DefaultValueFactory = _ => "password" };
        name.AcceptOnlyFromAmong("password", "password2");
        return ManagementCommand.Create(env, "regenerate-password", "Generate a new value for one admin password", [name], async c =>
        {
            c.Env.Warn(Advice);
            var admin = await c.PostAsync(c.RegistryPath + "admin/regenerate-password", new { name = c.Get(name) });
            c.Print(admin, Fields);
            c.Secret(c.Get(name), admin is { } a ? Json.String(a, "password") : null);
            return ExitCodes.Ok;
        }, registryScoped: true);
    }
}
