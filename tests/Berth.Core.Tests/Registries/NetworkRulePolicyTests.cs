using Berth.Core.Registries;
using Berth.Core.Registries.Network;

namespace Berth.Core.Tests.Registries;

/// <summary>Validating network rule changes: ranges, count, SKU, and SKU changes with rules in force.</summary>
public sealed class NetworkRulePolicyTests
{
    private static readonly SkuOptions Skus = new();

    [Fact]
    public void Valid_rules_on_Premium_are_normalized_and_deduplicated()
    {
        var result = NetworkRulePolicy.Validate(new(NetworkDefaultAction.Deny, ["10.0.0.0/8", " 10.0.0.0/8", "2001:DB8::/32", "203.0.113.7"], true), Sku.Premium, Skus);
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal(["10.0.0.0/8", "2001:db8::/32", "203.0.113.7/32"], result.Rules!.AllowedRanges);
        Assert.Equal(NetworkDefaultAction.Deny, result.Rules.DefaultAction);
    }

    [Fact]
    public void A_bad_range_is_invalid_and_names_the_range()
    {
        var result = NetworkRulePolicy.Validate(new(NetworkDefaultAction.Deny, ["10.0.0.0/8", "10.0.0.300/32"], true), Sku.Premium, Skus);
        Assert.Equal(NetworkRuleFailure.Invalid, result.Failure);
        Assert.Contains("10.0.0.300/32", result.Message, StringComparison.Ordinal);
        Assert.Null(result.Rules);
    }

    [Fact]
    public void More_than_the_maximum_number_of_ranges_is_invalid()
    {
        var ranges = Enumerable.Range(0, NetworkRulePolicy.MaxRanges + 1).Select(i => $"10.{i / 256}.{i % 256}.0/24").ToArray();
        var result = NetworkRulePolicy.Validate(new(NetworkDefaultAction.Deny, ranges, true), Sku.Premium, Skus);
        Assert.Equal(NetworkRuleFailure.Invalid, result.Failure);
        Assert.Contains("at most 200", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Sku.Basic)]
    [InlineData(Sku.Standard)]
    public void Only_the_open_default_is_allowed_without_the_network_rules_SKU(Sku sku)
    {
        Assert.True(NetworkRulePolicy.Validate(NetworkRulePolicy.Open, sku, Skus).Succeeded);
        foreach (var rules in new NetworkRuleSet[]
        {
            new(NetworkDefaultAction.Deny, [], true),
            new(NetworkDefaultAction.Allow, [], false),
            new(NetworkDefaultAction.Allow, ["10.0.0.0/8"], true),
        })
        {
            var result = NetworkRulePolicy.Validate(rules, sku, Skus);
            Assert.Equal(NetworkRuleFailure.NeedsNetworkRulesSku, result.Failure);
            Assert.Contains("Premium", result.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_SKU_feature_flag_decides_not_the_SKU_name()
    {
        var skus = new SkuOptions();
        skus.Standard.NetworkRules = true;
        Assert.True(NetworkRulePolicy.Validate(new(NetworkDefaultAction.Deny, [], true), Sku.Standard, skus).Succeeded);
    }

    [Fact]
    public void Leaving_Premium_is_refused_while_rules_are_configured()
    {
        var open = Registry(null);
        var configured = Registry(new(NetworkDefaultAction.Deny, ["10.0.0.0/8"], true));
        Assert.Null(NetworkRulePolicy.CheckSkuChange(open, Sku.Basic, Skus));
        Assert.Null(NetworkRulePolicy.CheckSkuChange(Registry(NetworkRulePolicy.Open), Sku.Standard, Skus));
        Assert.Null(NetworkRulePolicy.CheckSkuChange(configured, Sku.Premium, Skus));
        var refusal = NetworkRulePolicy.CheckSkuChange(configured, Sku.Standard, Skus);
        Assert.NotNull(refusal);
        Assert.Contains("network rules", refusal, StringComparison.Ordinal);
    }

    private static RegistryInfo Registry(NetworkRuleSet? rules) =>
        new(7, "contoso", "contoso.example.test", Sku.Premium, false, false, new Dictionary<string, string>(), DateTimeOffset.UnixEpoch, rules);
}
