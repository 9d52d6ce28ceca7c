using System.Net;
using Berth.Core.Registries.Network;

namespace Berth.Core.Tests.Registries;

/// <summary>Network rule ranges: what parses, its canonical form, and the message for what does not.</summary>
public sealed class CidrRangeTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData(" 192.168.1.0/24 ", "192.168.1.0/24")]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8::/32", "2001:db8::/32")]
    [InlineData("2001:DB8:0:0::/48", "2001:db8::/48")]
    [InlineData("::1", "::1/128")]
    [InlineData("::/0", "::/0")]
    public void Valid_ranges_have_a_canonical_form(string text, string canonical)
    {
        Assert.True(CidrRange.TryParse(text, out var network, out var error), error);
        Assert.Equal(canonical, network.ToString());
        Assert.Equal(canonical, CidrRange.Normalize(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData(null, "empty")]
    [InlineData("10.0.0.0/33", "/0 to /32")]
    [InlineData("2001:db8::/129", "/0 to /128")]
    [InlineData("10.0.0.0/-1", "prefix")]
    [InlineData("10.0.0.0/", "prefix")]
    [InlineData("10.0.0.0/8/8", "prefix")]
    [InlineData("10.0.0.0/ 8", "prefix")]
    [InlineData("10.0.0.1/8", "10.0.0.0/8")]
    [InlineData("2001:db8::1/32", "2001:db8::/32")]
    [InlineData("300.1.1.1/32", "not an IPv4 or IPv6 address")]
    [InlineData("10.1/16", "not an IPv4 or IPv6 address")]
    [InlineData("167772161", "not an IPv4 or IPv6 address")]
    [InlineData("example.com/24", "not an IPv4 or IPv6 address")]
    [InlineData("fe80::1%2/128", "not an IPv4 or IPv6 address")]
    [InlineData("::ffff:10.0.0.0/104", "write it as IPv4")]
    public void Invalid_ranges_are_refused_with_a_message_saying_why(string? text, string expected)
    {
        Assert.False(CidrRange.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Null(CidrRange.Normalize(text));
    }

    [Fact]
    public void Clients_on_a_dual_stack_listener_are_matched_by_their_IPv4_address()
    {
        Assert.Equal(IPAddress.Parse("127.0.0.1"), CidrRange.Client(IPAddress.Parse("::ffff:127.0.0.1")));
        Assert.Equal(IPAddress.IPv6Loopback, CidrRange.Client(IPAddress.IPv6Loopback));
    }
}
