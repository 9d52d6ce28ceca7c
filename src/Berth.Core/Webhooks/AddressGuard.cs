using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

/// <summary>
/// Keeps webhooks from reaching the server's own network neighbourhood (SSRF): a host that resolves to a loopback,
/// link-local (including the cloud metadata address 169.254.169.254), unspecified or multicast address is refused,
/// unless <see cref="WebhookOptions.AllowLoopback"/> (loopback only) or <see cref="WebhookOptions.AllowedHosts"/>
/// says otherwise. Checked when a webhook is saved and again at every connection (<see cref="ConnectAsync"/> connects to
/// the address it checked), so DNS rebinding cannot slip past. Thread-safe.
/// </summary>
public sealed class AddressGuard(IOptions<WebhookOptions> options)
{
    /// <summary>Null when <paramref name="uri"/>'s host may be called; otherwise why not.</summary>
    public async Task<string?> CheckAsync(Uri uri, CancellationToken ct)
    {
        if (IsAllowedHost(uri.IdnHost))
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.IdnHost, ct);
        }
        catch (SocketException e)
        {
            return $"host '{uri.Host}' does not resolve ({e.SocketErrorCode})";
        }

        var refused = addresses.FirstOrDefault(a => !IsAllowed(a));
        return refused is null ? null : $"host '{uri.Host}' resolves to {refused}, a loopback, link-local or otherwise internal address; webhooks may not call it";
    }

    /// <summary>Resolves, checks and connects to the first allowed address (for <c>SocketsHttpHandler.ConnectCallback</c>).</summary>
    public async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, CancellationToken ct)
    {
        var addresses = await ResolveAsync(endpoint.Host, ct);
        var allowed = IsAllowedHost(endpoint.Host) ? addresses : addresses.Where(IsAllowed).ToArray();
        if (allowed.Length == 0)
        {
            throw new HttpRequestException($"host '{endpoint.Host}' resolves only to loopback, link-local or otherwise internal addresses; refused");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether a resolved address may be called under the current settings.</summary>
    public bool IsAllowed(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return options.Value.AllowLoopback;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.IsIPv6SiteLocal);
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 0 || (b[0] == 169 && b[1] == 254) || b[0] >= 224);
    }

    private bool IsAllowedHost(string host) => options.Value.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
}
