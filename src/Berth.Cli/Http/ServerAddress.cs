using System.Net;
using Berth.Cli.Runtime;

namespace Berth.Cli.Http;

/// <summary>
/// A Berth server as the user names it: <c>host[:port]</c> or a full URL. <see cref="Key"/> is the
/// <c>host[:port]</c> that Docker and Podman use as the auth-file key; <see cref="BaseUri"/> is where to send HTTP.
/// Without a scheme, loopback hosts use plain HTTP (like Docker's implicit insecure localhost) and others HTTPS.
/// </summary>
internal sealed record ServerAddress(Uri BaseUri, string Key)
{
    public static ServerAddress Parse(string value)
    {
        var text = value.Trim();
        if (text.Length == 0 || text.Any(char.IsWhiteSpace))
        {
            throw CliException.Usage($"'{value}' is not a server address (expected host[:port] or http(s)://host[:port])");
        }

        var hasScheme = text.Contains("://", StringComparison.Ordinal);
        if (!Uri.TryCreate(hasScheme ? text : "http://" + text, UriKind.Absolute, out var parsed)
            || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            throw CliException.Usage($"'{value}' is not a server address (expected host[:port] or http(s)://host[:port])");
        }

        var scheme = hasScheme ? parsed.Scheme : IsLoopback(parsed.Host) ? "http" : "https";
        var port = parsed.IsDefaultPort && !hasScheme ? -1 : parsed.Port;
        var builder = new UriBuilder(scheme, parsed.Host, port);
        var key = port > 0 && !(hasScheme && parsed.IsDefaultPort) ? $"{FormatHost(parsed)}:{port}" : FormatHost(parsed);
        return new ServerAddress(new Uri(builder.Uri.GetLeftPart(UriPartial.Authority)), key);
    }

    /// <summary>The auth-file key for any spelling of a server (<c>https://host:port/path</c> → <c>host:port</c>).</summary>
    public static string NormalizeKey(string key)
    {
        var k = key.Trim();
        var scheme = k.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            k = k[(scheme + 3)..];
        }

        var slash = k.IndexOf('/', StringComparison.Ordinal);
        return (slash >= 0 ? k[..slash] : k).ToLowerInvariant();
    }

    public override string ToString() => BaseUri.ToString().TrimEnd('/');

    private static string FormatHost(Uri uri) => uri.HostNameType == UriHostNameType.IPv6 ? $"[{uri.IdnHost.Trim('[', ']')}]" : uri.Host;

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
