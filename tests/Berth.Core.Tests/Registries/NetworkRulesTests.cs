using Berth.Core.Identity;
using Berth.Core.Registries;

namespace Berth.Core.Tests.Registries;

/// <summary>Checks on rule sets before they are stored: the range parser's messages and the range count.</summary>
public sealed class NetworkRulesTests
{
    [Fact]
    public void Valid_ranges_of_both_families_and_single_addresses_pass()
    {
        NetworkRules.Validate(new(NetworkDefaultAction.Deny, ["10.0.0.0/8", "2001:db8::/32", "203.0.113.7", "::1"], true));
    }

    [Theory]
    [InlineData("10.0.0.300/32", "not an IPv4 or IPv6 address")]
    [InlineData("10.0.0.1/8", "the range is 10.0.0.0/8")]
    [InlineData("10.0.0.0/40", "/0 to /32")]
    [InlineData("10.1", "not an IPv4 or IPv6 address")]
    public void A_bad_range_is_invalid_with_a_message_that_names_it(string range, string expected)
    {
        var e = Assert.Throws<IdentityException>(() => NetworkRules.Validate(new(NetworkDefaultAction.Deny, ["10.0.0.0/8", range], true)));
        Assert.Equal(IdentityErrorKind.Invalid, e.Kind);
        Assert.Contains(range, e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_maximum_number_of_ranges_is_invalid()
    {
        var ranges = Enumerable.Range(0, NetworkRules.MaxRanges + 1).Select(i => $"10.{i / 256}.{i % 256}.0/24").ToArray();
        var e = Assert.Throws<IdentityException>(() => NetworkRules.Validate(new(NetworkDefaultAction.Deny, ranges, true)));
        Assert.Equal(IdentityErrorKind.Invalid, e.Kind);
    }
}
