using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Http;

namespace Berth.Cli.Commands.NetworkRules;

/// <summary>
/// <c>--default-action Allow|Deny</c> and <c>--public-network-enabled true|false</c> of <c>berth registry update</c>.
/// The API replaces the whole rule set, so the registry's current set is read and only the given members changed
/// (its IP ranges are kept).
/// </summary>
internal sealed class NetworkAccessOptions
{
    private readonly Option<string?> _defaultAction = new("--default-action") { Description = "Network rules' default action for addresses no range allows: Allow or Deny (Premium)" };
    private readonly Option<bool?> _publicNetwork = new("--public-network-enabled") { Description = "false: only the allowed IP ranges may connect, whatever the default action (Premium)" };

    public NetworkAccessOptions() => _defaultAction.AcceptOnlyFromAmong("Allow", "Deny");

    public IEnumerable<Symbol> Symbols => [_defaultAction, _publicNetwork];

    public bool Given(CommandContext c) => c.Get(_defaultAction) is not null || c.Get(_publicNetwork) is not null;

    /// <summary>The rule set to send, or null when neither option was given.</summary>
    public async Task<object?> RuleSetAsync(CommandContext c, string registry)
    {
        if (!Given(c))
        {
            return null;
        }

        var current = await c.GetAsync("registries/" + ApiClient.Segment(registry));
        var rules = current is { } r && r.TryGetProperty("networkRuleSet", out var set) ? set : default;
        return new
        {
            defaultAction = c.Get(_defaultAction) ?? Member(rules, "defaultAction")?.GetString() ?? "Allow",
            ipRules = Member(rules, "ipRules") is { ValueKind: JsonValueKind.Array } ranges ? ranges.EnumerateArray().Select(x => x.GetString()).ToArray() : [],
            publicNetworkAccess = c.Get(_publicNetwork) ?? Member(rules, "publicNetworkAccess")?.GetBoolean() ?? true,
        };
    }

    private static JsonElement? Member(JsonElement rules, string name) =>
        rules.ValueKind == JsonValueKind.Object && rules.TryGetProperty(name, out var value) ? value : null;
}
