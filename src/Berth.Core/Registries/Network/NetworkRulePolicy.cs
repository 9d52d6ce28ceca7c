namespace Berth.Core.Registries.Network;

/// <summary>Why a network rule change was refused.</summary>
public enum NetworkRuleFailure
{
    None,

    /// <summary>Malformed input (a bad range, too many ranges): HTTP 400.</summary>
    Invalid,

    /// <summary>The registry's SKU has no network rules, or a downgrade would drop rules in force: HTTP 409.</summary>
    NeedsNetworkRulesSku,
}

/// <summary>A validated rule set (ranges in canonical form, duplicates removed), or why the change was refused.</summary>
public sealed record NetworkRuleResult(NetworkRuleSet? Rules, NetworkRuleFailure Failure, string? Message)
{
    public bool Succeeded => Failure == NetworkRuleFailure.None;

    public static NetworkRuleResult Fail(NetworkRuleFailure failure, string message) => new(null, failure, message);
}

/// <summary>
/// The rules for changing network rules (pure and thread-safe): ranges must parse (<see cref="CidrRange"/>), at most
/// <see cref="MaxRanges"/>; only SKUs whose <see cref="SkuLimits.NetworkRules"/> is on may have rules other than the
/// open default; and a registry with such rules may not move to a SKU without them (remove the rules first).
/// </summary>
public static class NetworkRulePolicy
{
    /// <summary>Most IP ranges one registry may list (ACR's limit).</summary>
    public const int MaxRanges = 200;

    /// <summary>The open default: every address, public access on, no ranges.</summary>
    public static NetworkRuleSet Open { get; } = new(NetworkDefaultAction.Allow, [], PublicNetworkAccess: true);

    /// <summary>Whether <paramref name="rules"/> differ from <see cref="Open"/> (null means open).</summary>
    public static bool IsConfigured(NetworkRuleSet? rules) =>
        rules is not null && (rules.DefaultAction != NetworkDefaultAction.Allow || !rules.PublicNetworkAccess || rules.AllowedRanges.Count > 0);

    /// <summary>Validates <paramref name="requested"/> for a registry on <paramref name="sku"/>; never throws for bad input.</summary>
    public static NetworkRuleResult Validate(NetworkRuleSet requested, Sku sku, SkuOptions skus)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(skus);
        if (!Enum.IsDefined(requested.DefaultAction))
        {
            return NetworkRuleResult.Fail(NetworkRuleFailure.Invalid, "defaultAction must be Allow or Deny");
        }

        var ranges = new List<string>();
        foreach (var text in requested.AllowedRanges ?? [])
        {
            if (!CidrRange.TryParse(text, out var network, out var error))
            {
                return NetworkRuleResult.Fail(NetworkRuleFailure.Invalid, error);
            }

            var canonical = network.ToString();
            if (!ranges.Contains(canonical, StringComparer.OrdinalIgnoreCase))
            {
                ranges.Add(canonical);
            }
        }

        if (ranges.Count > MaxRanges)
        {
            return NetworkRuleResult.Fail(NetworkRuleFailure.Invalid, $"a registry may list at most {MaxRanges} IP ranges ({ranges.Count} given)");
        }

        var rules = new NetworkRuleSet(requested.DefaultAction, ranges, requested.PublicNetworkAccess);
        if (IsConfigured(rules) && !skus.For(sku).NetworkRules)
        {
            return NetworkRuleResult.Fail(NetworkRuleFailure.NeedsNetworkRulesSku,
                $"network rules and disabling public access need a SKU with network rules (Premium); this registry is {sku}: change its SKU first");
        }

        return new(rules, NetworkRuleFailure.None, null);
    }

    /// <summary>Null when <paramref name="registry"/> may move to <paramref name="target"/>; otherwise why not.</summary>
    public static string? CheckSkuChange(RegistryInfo registry, Sku target, SkuOptions skus)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(skus);
        return IsConfigured(registry.NetworkRules) && !skus.For(target).NetworkRules
            ? $"registry '{registry.Name}' has network rules (default action, IP ranges or public access disabled), which {target} does not support; reset them to allow all public access first (berth registry network-rule list shows them)"
            : null;
    }
}
