using Berth.Core.Registries.Network;
using Berth.Server.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Berth.Server.Hosting;

/// <summary>
/// Takes the client address from <c>X-Forwarded-For</c>, with the framework's forwarded-headers middleware, only
/// for connections from <see cref="NetworkOptions.TrustedProxies"/>; without trusted proxies the middleware is not
/// installed and the header means nothing.
/// </summary>
public static class ForwardedClients
{
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var proxies = app.ApplicationServices.GetRequiredService<IOptions<NetworkOptions>>().Value.TrustedProxies;
        if (proxies.Count == 0)
        {
            return app;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor,
            // Walk back through every trusted hop; the walk stops at the first address that is not a trusted proxy.
            ForwardLimit = null,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            if (CidrRange.TryParse(proxy, out var network, out _))
            {
                options.KnownIPNetworks.Add(network);
            }
        }

        return app.UseForwardedHeaders(options);
    }
}
