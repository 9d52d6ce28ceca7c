using System.CommandLine;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.ScopeMaps;

/// <summary><c>berth scope-map create|list|show|update|delete</c>: the repository actions a token may use.</summary>
internal static class ScopeMapCommands
{
    private const string ActionHelp = "repositories/<name or glob>/<content/read|content/write|content/delete|metadata/read|metadata/write>";

    private static readonly Column[] Fields =
    [
        Column.Of("Name", "name"), Column.Of("Description", "description"), Column.Of("System", "system"), Column.Date("Created", "createdAt"),
        new("Actions", m => string.Join("\n", Json.Array(m, "actions").Select(a => a.GetString()))),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("scope-map", "Manage scope maps (what a token may do in which repositories)",
        CreateMap(env), List(env), Show(env), Update(env), Delete(env));

    private static Command CreateMap(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Scope map name" };
        var actions = new Option<string[]>("--action") { Description = "An action, repeatable: " + ActionHelp, Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = false };
        var description = new Option<string?>("--description") { Description = "What the scope map is for" };
        return ManagementCommand.Create(env, "create", "Create a scope map", [name, actions, description], async c =>
            c.Print(await c.PostAsync(c.RegistryPath + "scope-maps", new { name = c.Get(name), actions = c.Get(actions), description = c.Get(description) }), Fields),
            registryScoped: true);
    }

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List the registry's scope maps (including the system ones)", [], async c =>
            c.PrintList(await c.GetAsync(c.RegistryPath + "scope-maps"), "No scope maps.", Fields), registryScoped: true);

    private static Command Show(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Scope map name" };
        return ManagementCommand.Create(env, "show", "Show a scope map", [name], async c =>
            c.Print(await c.GetAsync(c.RegistryPath + "scope-maps/" + ApiClient.Segment(c.Get(name))), Fields), registryScoped: true);
    }

    private static Command Update(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Scope map name" };
        var add = new Option<string[]>("--add-action") { Description = "Add an action, repeatable: " + ActionHelp, Arity = ArgumentArity.ZeroOrMore };
        var remove = new Option<string[]>("--remove-action") { Description = "Remove an action, repeatable", Arity = ArgumentArity.ZeroOrMore };
        var description = new Option<string?>("--description") { Description = "New description" };
        return ManagementCommand.Create(env, "update", "Add or remove actions of a scope map", [name, add, remove, description], async c =>
        {
            var adding = c.Get(add) ?? [];
            var removing = c.Get(remove) ?? [];
            if (adding.Length == 0 && removing.Length == 0 && c.Get(description) is null)
            {
                throw CliException.Usage("nothing to update: give --add-action, --remove-action and/or --description");
            }

            var map = await c.PatchAsync(c.RegistryPath + "scope-maps/" + ApiClient.Segment(c.Get(name)), new { add = adding, remove = removing, description = c.Get(description) });
            return c.Print(map, Fields);
        }, registryScoped: true);
    }

    private static Command Delete(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Scope map name" };
        return ManagementCommand.Create(env, "delete", "Delete a scope map (refused while a token uses it)", [name], async c =>
        {
            await c.DeleteAsync(c.RegistryPath + "scope-maps/" + ApiClient.Segment(c.Get(name)));
            Printer.Deleted(c, $"scope map {c.Get(name)}");
            return ExitCodes.Ok;
        }, registryScoped: true);
    }
}
