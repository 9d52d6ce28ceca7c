using System.CommandLine;
using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands;

/// <summary>
/// Builds a command that calls the management API: adds the connection options, <c>--output</c>/<c>-o</c> and (for
/// registry-scoped commands) <c>--registry</c>, authenticates, and runs the body.
/// </summary>
internal static class ManagementCommand
{
    public static Command Create(
        CliEnvironment env,
        string name,
        string description,
        IEnumerable<Symbol> symbols,
        Func<CommandContext, Task<int>> body,
        bool registryScoped = false,
        string[]? outputs = null,
        TimeSpan? timeout = null)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument a:
                    command.Arguments.Add(a);
                    break;
                case Option o:
                    command.Options.Add(o);
                    break;
                default:
                    throw new ArgumentException($"unsupported symbol {symbol.Name}", nameof(symbols));
            }
        }

        var output = new Option<string>("--output", "-o") { Description = "Output format: " + string.Join(", ", outputs ?? ["table", "json"]), DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong(outputs ?? ["table", "json"]);
        command.Options.Add(output);
        Option<string>? registry = null;
        if (registryScoped)
        {
            registry = new Option<string>("--registry") { Description = "Registry name", DefaultValueFactory = _ => "default" };
            command.Options.Add(registry);
        }

        var connection = new Connection();
        connection.AddTo(command);
        CliAction.Set(command, env, async (parse, ct) =>
        {
            using var api = await connection.OpenAsync(parse, env, timeout ?? TimeSpan.FromSeconds(100), ct);
            var context = new CommandContext(parse, env, api, parse.GetValue(output)!, registry is null ? "default" : parse.GetValue(registry)!, ct);
            return await body(context);
        });
        return command;
    }

    /// <summary>A group like <c>user</c> whose subcommands do the work.</summary>
    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var group = new Command(name, description);
        foreach (var s in subcommands)
        {
            group.Subcommands.Add(s);
        }

        return group;
    }
}
