using System.CommandLine;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Users;

/// <summary><c>berth user create|list|show|update|delete|reset-password</c>: individual identities.</summary>
internal static class UserCommands
{
    private static readonly Column[] Fields =
    [
        Column.Of("Username", "username"), Column.Of("Id", "id"), Column.Of("Enabled", "enabled"), Column.Date("Created", "createdAt"),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("user", "Manage users (individual identities)",
        CreateUser(env), List(env), Show(env), Update(env), Delete(env), ResetPassword(env));

    private static Command CreateUser(CliEnvironment env)
    {
        var username = new Argument<string>("username") { Description = "User name: 1-64 characters of a-z A-Z 0-9 . _ @ -" };
        var password = PasswordOptions.Create("Password for the user (default: the server generates one and prints it once)");
        return ManagementCommand.Create(env, "create", "Create a user", [username, .. password.Symbols], async c =>
        {
            var result = await c.PostAsync("users", new { username = c.Get(username), password = password.Read(c) });
            return Show(c, result, secretLabel: "Password");
        });
    }

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List users", [], async c =>
            c.PrintList(await c.GetAsync("users"), "No users.", Fields));

    private static Command Show(CliEnvironment env)
    {
        var username = new Argument<string>("username") { Description = "User name" };
        return ManagementCommand.Create(env, "show", "Show a user", [username], async c =>
            Show(c, await c.GetAsync("users/" + ApiClient.Segment(c.Get(username))), secretLabel: null));
    }

    private static Command Update(CliEnvironment env)
    {
        var username = new Argument<string>("username") { Description = "User name" };
        var enabled = new Option<bool>("--enabled") { Description = "Enable (true) or disable (false) the user; a disabled user's tokens stop working at once", Required = true };
        return ManagementCommand.Create(env, "update", "Enable or disable a user", [username, enabled], async c =>
            Show(c, await c.PatchAsync("users/" + ApiClient.Segment(c.Get(username)), new { enabled = c.Get(enabled) }), secretLabel: null));
    }

    private static Command Delete(CliEnvironment env)
    {
        var username = new Argument<string>("username") { Description = "User name" };
        return ManagementCommand.Create(env, "delete", "Delete a user (their logins stop working at once)", [username], async c =>
        {
            await c.DeleteAsync("users/" + ApiClient.Segment(c.Get(username)));
            Printer.Deleted(c, $"user {c.Get(username)}");
            return ExitCodes.Ok;
        });
    }

    private static Command ResetPassword(CliEnvironment env)
    {
        var username = new Argument<string>("username") { Description = "User name" };
        var password = PasswordOptions.Create("New password (default: the server generates one and prints it once)");
        return ManagementCommand.Create(env, "reset-password", "Set or generate a new password for a user", [username, .. password.Symbols], async c =>
        {
            var result = await c.PostAsync($"users/{ApiClient.Segment(c.Get(username))}/reset-password", new { password = password.Read(c) });
            return Show(c, result, secretLabel: "Password");
        });
    }

    private static int Show(CommandContext c, System.Text.Json.JsonElement? user, string? secretLabel)
    {
        c.Print(user, Fields);
        if (secretLabel is not null && user is { } u)
        {
            c.Secret(secretLabel, Json.String(u, "password"));
        }

        return ExitCodes.Ok;
    }
}
