using System.Net;

namespace Berth.Bench;

/// <summary>The one HTTP client every scenario shares: pooled keep-alive connections, no proxy, no redirects.</summary>
internal static class BenchHttp
{
    public static HttpClient Create() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 1024,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AutomaticDecompression = DecompressionMethods.None,
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
    })
    {
        Timeout = TimeSpan.FromMinutes(2),
    };
}
