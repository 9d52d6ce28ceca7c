using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.NetworkRules;

/// <summary>
/// <c>berth registry network-rule add|remove|list</c>: the allowed IP ranges of a registry's network rules
/// (Premium). The default action and public access are set with <c>berth registry update</c>. The rules gate pulls,
/// pushes and logins, never the management API.
/// </summary>
internal static class NetworkRuleCommands
{
    private static readonly Column[] Fields =
    [
        Column.Of("Default action", "defaultAction"), Column.Of("Public network access", "publicNetworkAccess"),
        new("IP rules", r => Json.Text(r, "ipRules") is { Length: > 0 } rules ? rules : "(none)"),
    ];

    /// <summary>One line for <c>registry show</c>: <c>Deny; public access off; 10.0.0.0/8, ...</c> (empty when open).</summary>
    public static Column Summary { get; } = new("Network rules", r =>
    {
        if (!r.TryGetProperty("networkRuleSet", out var set) || set.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        var ranges = Json.Text(set, "ipRules");
        var publicAccess = !set.TryGetProperty("publicNetworkAccess", out var p) || p.ValueKind != JsonValueKind.False;
        return Json.Text(set, "defaultAction") == "Allow" && publicAccess && ranges.Length == 0
            ? "none (all addresses allowed)"
            : $"default {Json.Text(set, "defaultAction")}; public access {(publicAccess ? "on" : "off")}; allowed: {(ranges.Length > 0 ? ranges : "(none)")}";
    });

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("network-rule", "Manage the IP ranges a registry's network rules allow (Premium)",
        Add(env), Remove(env), List(env));

    private static Command Add(CliEnvironment env)
    {
        var (name, range) = Symbols("Range to allow: CIDR (10.0.0.0/8, 2001:db8::/32) or a single address");
        return ManagementCommand.Create(env, "add", "Allow an IP range (the registry must be Premium)", [name, range], async c =>
            c.Print(await c.PostAsync(RulesPath(c, name), new { ipAddress = c.Get(range) }), Fields));
    }

    private static Command Remove(CliEnvironment env)
    {
        var (name, range) = Symbols("Range to remove, as listed (any spelling of the same range matches)");
        return ManagementCommand.Create(env, "remove", "Remove an allowed IP range", [name, range], async c =>
            c.Print(await c.DeleteAsync($"{RulesPath(c, name)}?ipAddress={Uri.EscapeDataString(c.Get(range))}"), Fields));
    }

    private static Command List(CliEnvironment env)
    {
        var name = new Argument<string>("name") { Description = "Registry name" };
        return ManagementCommand.Create(env, "list", "Show a registry's network rules", [name], async c =>
        {
            var registry = await c.GetAsync("registries/" + ApiClient.Segment(c.Get(name)));
            JsonElement? rules = registry is { } r && r.TryGetProperty("networkRuleSet", out var set) ? set : null;
            return c.Print(rules, Fields);
        });
    }

    private static (Argument<string> Name, Option<string> Range) Symbols(string rangeDescription) =>
        (new Argument<string>("name") { Description = "Registry name" },
         new Option<string>("--ip-address") { Description = rangeDescription, Required = true });

    private static string RulesPath(CommandContext c, Argument<string> name) =>
        $"registries/{ApiClient.Segment(c.Get(name))}/network-rules/ip-rules";
}
