using System.Net;
using Berth.Core.Registries;
using Berth.Core.Registries.Network;

namespace Berth.Core.Tests.Registries;

/// <summary>The network-rule decision: default action, allowed ranges, public access, address families.</summary>
public sealed class NetworkAccessTests
{
    private static readonly IPAddress Loopback4 = IPAddress.Loopback;
    private static readonly IPAddress Mapped = IPAddress.Parse("::ffff:127.0.0.1");
    private static readonly IPAddress Outside = IPAddress.Parse("198.51.100.20");

    [Fact]
    public void No_rules_or_open_rules_allow_every_address_even_an_unknown_one()
    {
        Assert.True(NetworkAccess.Decide(null, Outside).Allowed);
        Assert.True(NetworkAccess.Decide(NetworkRules.Open, null).Allowed);
        Assert.True(NetworkAccess.Decide(Rules(NetworkDefaultAction.Allow, true, "10.0.0.0/8"), Outside).Allowed);
        Assert.False(NetworkAccess.Restricts(Rules(NetworkDefaultAction.Allow, true, "10.0.0.0/8")));
    }

    [Fact]
    public void Default_deny_allows_only_listed_ranges_and_names_the_address_when_denying()
    {
        var rules = Rules(NetworkDefaultAction.Deny, true, "10.0.0.0/8", "127.0.0.1/32");
        Assert.True(NetworkAccess.Decide(rules, IPAddress.Parse("10.20.30.40")).Allowed);
        Assert.True(NetworkAccess.Decide(rules, Loopback4).Allowed);

        var denied = NetworkAccess.Decide(rules, Outside);
        Assert.False(denied.Allowed);
        Assert.Contains("198.51.100.20", denied.Reason, StringComparison.Ordinal);
        Assert.Contains("network rules deny it", denied.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Public_access_disabled_allows_only_listed_ranges_whatever_the_default_action()
    {
        var rules = Rules(NetworkDefaultAction.Allow, false, "10.0.0.0/8");
        Assert.True(NetworkAccess.Restricts(rules));
        Assert.True(NetworkAccess.Decide(rules, IPAddress.Parse("10.1.1.1")).Allowed);
        var denied = NetworkAccess.Decide(rules, Loopback4);
        Assert.False(denied.Allowed);
        Assert.Contains("public network access to the registry is disabled", denied.Reason, StringComparison.Ordinal);
        Assert.False(NetworkAccess.Decide(Rules(NetworkDefaultAction.Allow, false), IPAddress.Parse("10.1.1.1")).Allowed);
    }

    [Fact]
    public void IPv4_clients_of_a_dual_stack_listener_match_IPv4_ranges_and_IPv6_loopback_does_not()
    {
        var v4 = Rules(NetworkDefaultAction.Deny, true, "127.0.0.0/8");
        Assert.True(NetworkAccess.Decide(v4, Mapped).Allowed);
        Assert.False(NetworkAccess.Decide(v4, IPAddress.IPv6Loopback).Allowed);

        var v6 = Rules(NetworkDefaultAction.Deny, true, "::1/128");
        Assert.True(NetworkAccess.Decide(v6, IPAddress.IPv6Loopback).Allowed);
        Assert.False(NetworkAccess.Decide(v6, Loopback4).Allowed);
    }

    [Fact]
    public void An_unknown_address_is_denied_where_rules_restrict()
    {
        var decision = NetworkAccess.Decide(Rules(NetworkDefaultAction.Deny, true, "0.0.0.0/0"), null);
        Assert.False(decision.Allowed);
        Assert.Contains("unknown", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stored_range_that_does_not_parse_never_widens_access()
    {
        var rules = Rules(NetworkDefaultAction.Deny, true, "not-a-range", "10.0.0.0/8");
        Assert.False(NetworkAccess.Decide(rules, Outside).Allowed);
        Assert.True(NetworkAccess.Decide(rules, IPAddress.Parse("10.0.0.1")).Allowed);
    }

    private static NetworkRuleSet Rules(NetworkDefaultAction action, bool publicAccess, params string[] ranges) => new(action, ranges, publicAccess);
}
