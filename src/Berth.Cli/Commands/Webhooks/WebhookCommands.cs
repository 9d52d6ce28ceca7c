using System.CommandLine;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Webhooks;

/// <summary><c>berth webhook create|list|show|update|delete|ping|list-events</c>: a registry's webhooks and their delivery log.</summary>
internal static class WebhookCommands
{
    private const string ActionHelp = "push, delete, quarantine, chart_push, chart_delete";

    private static readonly Column[] Fields =
    [
        Column.Of("Name", "name"), Column.Of("Service URI", "serviceUri"), Column.Of("Status", "status"),
        new("Actions", w => string.Join(", ", Json.Array(w, "actions").Select(a => a.GetString()))),
        Column.Of("Scope", "scope"), Column.Of("Format", "format"),
        new("Custom headers", w => string.Join(", ", Json.Array(w, "customHeaders").Select(h => h.GetString()))),
        Column.Date("Created", "createdAt"), Column.Date("Updated", "updatedAt"),
    ];

    private static readonly Column[] ListColumns = [Fields[0], Fields[1], Fields[2], Fields[3], Fields[4]];

    private static readonly Column[] DeliveryColumns =
    [
        Column.Of("Id", "id"), Column.Of("Event", "eventId"), Column.Of("Action", "action"), Column.Of("Status", "status"),
        Column.Of("Attempts", "attempts"), Column.Of("HTTP", "statusCode"), Column.Of("Latency ms", "latencyMs"),
        Column.Date("Last attempt", "lastAttemptAt"), Column.Date("Next attempt", "nextAttemptAt"), Column.Of("Error", "error"),
    ];

    private static readonly Column[] PingFields = [.. DeliveryColumns, Column.Of("Response", "response")];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("webhook", "Manage webhooks (HTTP notifications of pushes and deletes)",
        CreateHook(env), List(env), Show(env), Update(env), Delete(env), Ping(env), ListEvents(env));

    private static Command CreateHook(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Webhook name (5-50 letters or digits)" };
        var uri = new Option<string>("--uri") { Description = "Service URI the events are POSTed to (http or https)", Required = true };
        var actions = new Option<string[]>("--actions") { Description = "Actions to send, repeatable: " + ActionHelp, Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var settings = new Settings();
        return ManagementCommand.Create(env, "create", "Create a webhook; prints its signing secret once", [name, uri, actions, .. settings.Symbols], async c =>
        {
            var hook = await c.PostAsync(c.RegistryPath + "webhooks", new
            {
                name = c.Get(name), serviceUri = c.Get(uri), actions = c.Get(actions), scope = c.Get(settings.Scope),
                status = c.Get(settings.Status), format = c.Get(settings.Format), customHeaders = settings.Headers(c),
            });
            c.Print(hook, Fields);
            c.Secret($"Webhook {c.Get(name)} signing secret", hook is { } h ? Json.String(h, "secret") : null);
            return ExitCodes.Ok;
        }, registryScoped: true);
    }

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List the registry's webhooks", [], async c =>
            c.PrintList(await c.GetAsync(c.RegistryPath + "webhooks"), "No webhooks.", ListColumns), registryScoped: true);

    private static Command Show(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Webhook name" };
        return ManagementCommand.Create(env, "show", "Show a webhook (custom header names only, never values or the secret)", [name], async c =>
            c.Print(await c.GetAsync(Path(c, name)), Fields), registryScoped: true);
    }

    private static Command Update(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Webhook name" };
        var uri = new Option<string?>("--uri") { Description = "New service URI" };
        var actions = new Option<string[]>("--actions") { Description = "Replace the actions: " + ActionHelp, Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var clearHeaders = new Option<bool>("--clear-headers") { Description = "Remove every custom header" };
        var settings = new Settings();
        return ManagementCommand.Create(env, "update", "Change a webhook (unset options stay as they are)", [name, uri, actions, clearHeaders, .. settings.Symbols], async c =>
        {
            var headers = c.Get(clearHeaders) ? new Dictionary<string, string>() : settings.Headers(c);
            var newActions = c.Get(actions) is { Length: > 0 } a ? a : null;
            if (c.Get(uri) is null && newActions is null && headers is null && c.Get(settings.Scope) is null && c.Get(settings.Status) is null && c.Get(settings.Format) is null)
            {
                throw CliException.Usage("nothing to update: give --uri, --actions, --scope, --status, --format, --headers or --clear-headers");
            }

            var body = new { serviceUri = c.Get(uri), actions = newActions, scope = c.Get(settings.Scope), status = c.Get(settings.Status), format = c.Get(settings.Format), customHeaders = headers };
            return c.Print(await c.PatchAsync(Path(c, name), body), Fields);
        }, registryScoped: true);
    }

    private static Command Delete(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Webhook name" };
        return ManagementCommand.Create(env, "delete", "Delete a webhook and its delivery log", [name], async c =>
        {
            await c.DeleteAsync(Path(c, name));
            Printer.Deleted(c, $"webhook {c.Get(name)}");
            return ExitCodes.Ok;
        }, registryScoped: true);
    }

    private static Command Ping(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Webhook name" };
        return ManagementCommand.Create(env, "ping", "Send a ping event now and show what the receiver answered", [name], async c =>
        {
            var delivery = await c.PostAsync(Path(c, name) + "/ping", null);
            c.Print(delivery, PingFields);
            return delivery is { } d && Json.String(d, "status") == "delivered" ? ExitCodes.Ok : ExitCodes.Failed;
        }, registryScoped: true);
    }

    private static Command ListEvents(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Webhook name" };
        var top = new Option<int>("--top") { Description = "Most recent deliveries to list (1-1000)", DefaultValueFactory = _ => 100 };
        return ManagementCommand.Create(env, "list-events", "List the webhook's recent deliveries (newest first)", [name, top], async c =>
            c.PrintList(await c.GetAsync($"{Path(c, name)}/events?n={c.Get(top)}"), "No deliveries.", DeliveryColumns), registryScoped: true);
    }

    private static string Path(CommandContext c, Argument<string> name) => c.RegistryPath + "webhooks/" + ApiClient.Segment(c.Get(name));

    /// <summary>Options shared by create and update.</summary>
    private sealed class Settings
    {
        public Option<string?> Scope { get; } = new("--scope") { Description = "Only events of 'repository' or 'repository:tag' ('*' wildcards; default: the whole registry)" };

        public Option<string?> Status { get; } = new Option<string?>("--status") { Description = "enabled or disabled" }.AcceptingOnly("enabled", "disabled");

        public Option<string?> Format { get; } = new Option<string?>("--format") { Description = "Payload format: acr (default) or cloudevents" }.AcceptingOnly("acr", "cloudevents");

        public Option<string[]> HeaderValues { get; } = new("--headers") { Description = "Custom header 'Name=value', repeatable (values are never shown back)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };

        public Symbol[] Symbols => [Scope, Status, Format, HeaderValues];

        public Dictionary<string, string>? Headers(CommandContext c)
        {
            var given = c.Get(HeaderValues);
            if (given is null || given.Length == 0)
            {
                return null;
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in given)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw CliException.Usage($"--headers '{pair}' is not Name=value");
                }

                headers[pair[..eq]] = pair[(eq + 1)..];
            }

            return headers;
        }
    }
}

internal static class OptionExtensions
{
    public static Option<string?> AcceptingOnly(this Option<string?> option, params string[] values)
    {
        option.AcceptOnlyFromAmong(values);
        return option;
    }
}
