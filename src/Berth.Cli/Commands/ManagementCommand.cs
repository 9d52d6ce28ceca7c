using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands;

/// <summary>What a management command's body gets: parsed values, the authenticated API, output format, registry.</summary>
internal sealed class CommandContext(ParseResult parse, CliEnvironment env, ApiClient api, string output, string registry, CancellationToken ct)
{
    public ParseResult Parse { get; } = parse;

    public CliEnvironment Env { get; } = env;

    public ApiClient Api { get; } = api;

    /// <summary>The <c>--output</c> value: <c>table</c>, <c>json</c>, or a command-specific format.</summary>
    public string Output { get; } = output;

    public bool Json => Output == "json";

    public CancellationToken Ct { get; } = ct;

    /// <summary><c>registries/{registry}/</c> for registry-scoped commands (<c>--registry</c>, default <c>default</c>).</summary>
    public string RegistryPath => $"registries/{ApiClient.Segment(Registry)}/";

    public string Registry { get; } = registry;

    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    public Task<JsonElement?> GetAsync(string path) => Api.GetAsync(path, Ct);

    public Task<JsonElement?> PostAsync(string path, object? body) => Api.PostAsync(path, body, Ct);

    public Task<JsonElement?> PatchAsync(string path, object body) => Api.PatchAsync(path, body, Ct);

    public Task<JsonElement?> DeleteAsync(string path) => Api.DeleteAsync(path, Ct);

    /// <summary>Prints one object (JSON, or a field/value table) and returns <see cref="ExitCodes.Ok"/>.</summary>
    public int Print(JsonElement? item, params Column[] fields)
    {
        if (Json)
        {
            Printer.Json(Env, item);
        }
        else
        {
            Printer.Record(Env, item, fields);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Prints an array (JSON, or a table with <paramref name="columns"/>) and returns <see cref="ExitCodes.Ok"/>.</summary>
    public int PrintList(JsonElement? items, string empty, params Column[] columns)
    {
        if (Json)
        {
            Printer.Json(Env, items);
        }
        else
        {
            Printer.Table(Env, items, empty, columns);
        }

        return ExitCodes.Ok;
    }

    /// <summary>Prints a secret in table mode (JSON output already carries it).</summary>
    public void Secret(string label, string? value)
    {
        if (!Json)
        {
            Printer.Secret(Env, label, value);
        }
    }
}

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
