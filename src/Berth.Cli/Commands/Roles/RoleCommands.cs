using System.CommandLine;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Roles;

/// <summary><c>berth role list</c> and <c>berth role assignment create|list|delete</c>.</summary>
internal static class RoleCommands
{
    private const string ScopeHelp = "/ (server), /registries/<name>, or /registries/<name>/repositories/<name or glob>";

    private static readonly Column[] AssignmentFields =
    [
        Column.Of("Id", "id"), Column.Of("Principal", "principalName"), Column.Of("Principal id", "principalId"), Column.Of("Role", "role"),
        Column.Of("Scope", "scope"), Column.Date("Created", "createdAt"),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("role", "Built-in roles and role assignments",
        List(env),
        ManagementCommand.Group("assignment", "Manage role assignments (principal, role, scope)", CreateAssignment(env), ListAssignments(env), DeleteAssignment(env)));

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List the built-in roles and what they permit", [], async c =>
            c.PrintList(await c.GetAsync("roles"), "No roles.",
                Column.Of("Role", "name"), Column.Of("Description", "description"), Column.Of("Repository actions", "actions"), Column.Of("Resources", "resources")));

    private static Command CreateAssignment(CliEnvironment env)
    {
        var principal = new Option<string>("--principal") { Description = "User name, service principal app id or name, managed identity name, or principal id", Required = true };
        var role = new Option<string>("--role") { Description = "Owner, Contributor, Reader, AcrPush, AcrPull, AcrDelete or AcrImageSigner", Required = true };
        var scope = new Option<string>("--scope") { Description = "Scope: " + ScopeHelp, DefaultValueFactory = _ => "/" };
        return ManagementCommand.Create(env, "create", "Assign a role to a principal at a scope", [principal, role, scope], async c =>
            c.Print(await c.PostAsync("role-assignments", new { principal = c.Get(principal), role = c.Get(role), scope = c.Get(scope) }), AssignmentFields));
    }

    private static Command ListAssignments(CliEnvironment env)
    {
        var principal = new Option<string?>("--principal") { Description = "Only this principal's assignments" };
        return ManagementCommand.Create(env, "list", "List role assignments", [principal], async c =>
        {
            var query = c.Get(principal) is { } p ? "?principal=" + Uri.EscapeDataString(p) : "";
            return c.PrintList(await c.GetAsync("role-assignments" + query), "No role assignments.",
                [AssignmentFields[0], AssignmentFields[1], AssignmentFields[3], AssignmentFields[4], AssignmentFields[5]]);
        });
    }

    private static Command DeleteAssignment(CliEnvironment env)
    {
        var id = new Argument<string>("id") { Description = "Assignment id (see `berth role assignment list`)" };
        return ManagementCommand.Create(env, "delete", "Delete a role assignment", [id], async c =>
        {
            await c.DeleteAsync("role-assignments/" + ApiClient.Segment(c.Get(id)));
            Printer.Deleted(c, $"role assignment {c.Get(id)}");
            return ExitCodes.Ok;
        });
    }
}
