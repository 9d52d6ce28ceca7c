using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace Berth.Core.Registries.Network;

/// <summary>
/// Parses network rule ranges: CIDR notation (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>) or a single address
/// (<c>203.0.113.7</c> means <c>/32</c>, an IPv6 address <c>/128</c>). The network address must have no bits set
/// past the prefix (<c>10.0.0.1/8</c> is refused, naming <c>10.0.0.0/8</c>), so a stored rule means exactly what it
/// says. Zone ids and IPv4-mapped IPv6 ranges are refused: clients are matched by their IPv4 address, so such a range
/// could never match. Pure and thread-safe.
/// </summary>
public static class CidrRange
{
    /// <summary>The range, or false with a message for the client that says what is wrong.</summary>
    public static bool TryParse(string? text, out IPNetwork network, [NotNullWhen(false)] out string? error)
    {
        network = default;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0)
        {
            error = "an IP range is empty; give CIDR notation such as 10.0.0.0/8 or 2001:db8::/32, or a single address";
            return false;
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? value : value[..slash];
        if (addressText.Contains('%', StringComparison.Ordinal) || !IPAddress.TryParse(addressText, out var address)
            || (address.AddressFamily == AddressFamily.InterNetwork && addressText.Count(c => c == '.') != 3))
        {
            error = $"'{Cut(value)}' is not an IP range: '{Cut(addressText)}' is not an IPv4 or IPv6 address";
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            error = $"'{Cut(value)}' is an IPv4-mapped IPv6 range; write it as IPv4 ({address.MapToIPv4()})";
            return false;
        }

        var maxPrefix = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefix = maxPrefix;
        if (slash >= 0 && (!int.TryParse(value[(slash + 1)..], System.Globalization.NumberStyles.None, null, out prefix) || prefix > maxPrefix))
        {
            error = $"'{Cut(value)}' has an invalid prefix length: use /0 to /{maxPrefix} for an {(maxPrefix == 32 ? "IPv4" : "IPv6")} range";
            return false;
        }

        var canonical = Canonical(address, prefix);
        if (!canonical.Equals(address))
        {
            error = $"'{Cut(value)}' has host bits set past the /{prefix} prefix; the range is {canonical}/{prefix}";
            return false;
        }

        network = new IPNetwork(canonical, prefix);
        error = null;
        return true;
    }

    /// <summary>The canonical text of a valid range (<c>10.0.0.0/8</c>, <c>2001:db8::/32</c>), or null when invalid.</summary>
    public static string? Normalize(string? text) => TryParse(text, out var network, out _) ? network.ToString() : null;

    /// <summary>
    /// The address clients are matched by: IPv4-mapped IPv6 addresses (a dual-stack listener's IPv4 clients) as IPv4.
    /// </summary>
    public static IPAddress Client(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPAddress Canonical(IPAddress address, int prefix)
    {
        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bitsKept = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bitsKept));
        }

        return new IPAddress(bytes);
    }

    private static string Cut(string s) => s.Length > 64 ? s[..64] + "…" : s;
}
