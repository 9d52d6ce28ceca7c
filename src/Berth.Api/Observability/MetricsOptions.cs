namespace Berth.Api.Observability;

/// <summary>The Prometheus endpoint (section <c>Berth:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Berth:Metrics";

    /// <summary>Whether <c>/metrics</c> is served at all (404 when off; instruments still cost next to nothing).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Serve <c>/metrics</c> without credentials. Off by default: a scraper authenticates like a management client
    /// (Basic credentials or a <c>scope=management</c> bearer token) as a principal with Reader (or higher) at
    /// server scope. Turn on only where the port is reachable from trusted networks alone.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}
