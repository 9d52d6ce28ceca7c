using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Berth.Cli.Commands.NetworkRules;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Registries;

/// <summary><c>berth registry create|list|show|update|delete|show-usage</c>: registries as resources (like <c>az acr</c>).</summary>
internal static class RegistryCommands
{
    private static readonly string[] Skus = ["Basic", "Standard", "Premium"];

    private static readonly Column[] Fields =
    [
        Column.Of("Name", "name"), Column.Of("Login server", "loginServer"), Column.Of("SKU", "sku"),
        Column.Of("Admin user", "adminUserEnabled"), Column.Of("Anonymous pull", "anonymousPullEnabled"),
        new("Tags", r => string.Join(", ", Tags(r))),
        new("Storage bytes", r => $"{Json.Text(r, "storageBytes")} of {(r.TryGetProperty("limits", out var l) ? Json.Text(l, "includedStorageBytes") : "?")}"),
        Column.Date("Created", "createdAt"),
        NetworkRuleCommands.Summary,
    ];

    private static readonly Column[] UsageColumns =
    [
        Column.Of("Name", "name"), Column.Of("Current", "currentValue"), Column.Of("Limit", "limit"), Column.Of("Unit", "unit"),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("registry", "Manage registries (login server, SKU, admin user, anonymous pull, tags)",
        CreateRegistry(env), List(env), Show(env), Update(env), RegistryDelete.Create(env), ShowUsage(env), NetworkRuleCommands.Create(env));

    private static Command CreateRegistry(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Registry name: 5-50 letters and digits, unique ignoring case" };
        var sku = SkuOption("SKU (default Standard)");
        var admin = new Option<bool>("--admin-enabled") { Description = "Enable the admin user (its passwords are shown once)" };
        var anonymous = new Option<bool>("--anonymous-pull") { Description = "Allow pulls without credentials" };
        var tags = TagsOption();
        return ManagementCommand.Create(env, "create", "Create a registry (Owner or Contributor at server scope)", [name, sku, admin, anonymous, tags], async c =>
        {
            var created = await c.PostAsync("registries", new
            {
                name = c.Get(name), sku = c.Get(sku), adminUserEnabled = c.Get(admin), anonymousPullEnabled = c.Get(anonymous), tags = ParseTags(c.Get(tags)),
            });
            c.Print(created, Fields);
            PrintPasswords(c, created);
            return ExitCodes.Ok;
        });
    }

    private static Command List(CliEnvironment env) =>
        ManagementCommand.Create(env, "list", "List the registries you may read", [], async c =>
            c.PrintList(await c.GetAsync("registries"), "No registries.", Fields));

    private static Command Show(CliEnvironment env)
    {
        var name = NameArgument();
        return ManagementCommand.Create(env, "show", "Show a registry", [name], async c =>
            c.Print(await c.GetAsync("registries/" + ApiClient.Segment(c.Get(name))), Fields));
    }

    private static Command Update(CliEnvironment env)
    {
        var name = NameArgument();
        var sku = SkuOption("New SKU (refused unless the current use fits it)");
        var admin = new Option<bool?>("--admin-enabled") { Description = "true or false: enable or disable the admin user" };
        var anonymous = new Option<bool?>("--anonymous-pull") { Description = "true or false: allow pulls without credentials" };
        var tags = TagsOption();
        var network = new NetworkAccessOptions();
        return ManagementCommand.Create(env, "update", "Change a registry's SKU, admin user, anonymous pull, tags or network access", [name, sku, admin, anonymous, tags, .. network.Symbols], async c =>
        {
            var newTags = c.Get(tags) is { Length: > 0 } t ? ParseTags(t) : null;
            if (c.Get(sku) is null && c.Get(admin) is null && c.Get(anonymous) is null && newTags is null && !network.Given(c))
            {
                throw CliException.Usage("nothing to update: give --sku, --admin-enabled, --anonymous-pull, --tags, --default-action and/or --public-network-enabled");
            }

            var updated = await c.PatchAsync("registries/" + ApiClient.Segment(c.Get(name)), new
            {
                sku = c.Get(sku), adminUserEnabled = c.Get(admin), anonymousPullEnabled = c.Get(anonymous), tags = newTags,
                networkRuleSet = await network.RuleSetAsync(c, c.Get(name)),
            });
            c.Print(updated, Fields);
            PrintPasswords(c, updated);
            return ExitCodes.Ok;
        });
    }

    private static Command ShowUsage(CliEnvironment env)
    {
        var name = NameArgument();
        return ManagementCommand.Create(env, "show-usage", "List each SKU limit of a registry with its current use", [name], async c =>
        {
            var usage = await c.GetAsync("registries/" + ApiClient.Segment(c.Get(name)) + "/usage");
            if (c.Json)
            {
                Printer.Json(c.Env, usage);
                return ExitCodes.Ok;
            }

            return c.PrintList(usage is { } u && u.TryGetProperty("value", out var rows) ? rows : null, "No limits.", UsageColumns);
        });
    }

    internal static Argument<string> NameArgument() => new("name") { Description = "Registry name" };

    private static Option<string?> SkuOption(string description)
    {
        var sku = new Option<string?>("--sku") { Description = $"{description}: {string.Join(", ", Skus)}" };
        sku.AcceptOnlyFromAmong(Skus);
        return sku;
    }

    private static Option<string[]> TagsOption() =>
        new("--tags") { Description = "Tags as key=value, space separated (update replaces every tag)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };

    private static Dictionary<string, string> ParseTags(string[]? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            var eq = tag.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw CliException.Usage($"tag '{tag}' is not key=value");
            }

            result[tag[..eq]] = tag[(eq + 1)..];
        }

        return result;
    }

    private static IEnumerable<string> Tags(JsonElement registry) =>
        registry.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            ? tags.EnumerateObject().Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Name}={t.Value.GetString()}"))
            : [];

    private static void PrintPasswords(CommandContext c, JsonElement? registry)
    {
        if (registry is { } r && r.TryGetProperty("adminPasswords", out var passwords) && passwords.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in passwords.EnumerateObject())
            {
                c.Secret($"admin {p.Name}", p.Value.GetString());
            }
        }
    }
}
