using System.Net;
using System.Runtime.CompilerServices;

namespace Berth.Core.Registries.Network;

/// <summary>The network-rule decision for one client address.</summary>
/// <param name="Allowed">Whether the address may reach the registry's data plane and token service.</param>
/// <param name="Reason">Why it was denied (for the client and the audit record); null when allowed.</param>
public readonly record struct NetworkDecision(bool Allowed, string? Reason)
{
    public static NetworkDecision Allow { get; } = new(true, null);
}

/// <summary>
/// Applies a registry's <see cref="NetworkRuleSet"/> to a client address. No rules, or default action Allow with
/// public access on: every address. Public access off: only the allowed ranges, whatever the default action.
/// Default action Deny: only the allowed ranges. Addresses are compared as <see cref="CidrRange.Client"/> gives them
/// (IPv4-mapped IPv6 as IPv4); IPv6 loopback <c>::1</c> is not in <c>127.0.0.0/8</c>. An unknown address (null) is
/// denied wherever rules restrict access. Parsed ranges are cached per rule set instance (rule sets are immutable
/// snapshots from the registry directory), so a decision costs no parsing. Thread-safe.
/// </summary>
public static class NetworkAccess
{
    private static readonly ConditionalWeakTable<NetworkRuleSet, IPNetwork[]> Parsed = [];

    /// <summary>Whether <paramref name="rules"/> restrict access at all.</summary>
    public static bool Restricts(NetworkRuleSet? rules) =>
        rules is not null && (rules.DefaultAction == NetworkDefaultAction.Deny || !rules.PublicNetworkAccess);

    /// <summary>The decision for <paramref name="client"/> (null: address unknown) under <paramref name="rules"/> (null: none).</summary>
    public static NetworkDecision Decide(NetworkRuleSet? rules, IPAddress? client)
    {
        if (rules is null || !Restricts(rules))
        {
            return NetworkDecision.Allow;
        }

        if (client is null)
        {
            return new(false, "the client address is unknown and the registry's network rules allow only listed IP ranges");
        }

        var address = CidrRange.Client(client);
        foreach (var range in Parsed.GetValue(rules, Parse))
        {
            if (range.Contains(address))
            {
                return NetworkDecision.Allow;
            }
        }

        var why = rules.PublicNetworkAccess
            ? "the registry's network rules deny it (default action Deny and no allowed IP range contains it)"
            : "public network access to the registry is disabled and no allowed IP range contains it";
        return new(false, $"client address {address} is not allowed: {why}");
    }

    // Ranges were validated when stored; one that no longer parses can only narrow access, never widen it.
    private static IPNetwork[] Parse(NetworkRuleSet rules) =>
        [.. rules.AllowedRanges.Select(r => CidrRange.TryParse(r, out var n, out _) ? (IPNetwork?)n : null).OfType<IPNetwork>()];
}
