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
