namespace Berth.Server.Configuration;

/// <summary>Where and how Berth serves (section <c>Berth</c>; flags <c>--listen</c>, <c>--data</c>, <c>--tls-cert</c>, <c>--tls-key</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Berth";

    /// <summary>ADDRESS:PORT to listen on; port 0 picks a free port.</summary>
    public string Listen { get; set; } = "127.0.0.1:5000";

    /// <summary>Data directory: SQLite database and blob storage by default.</summary>
    public string Data { get; set; } = "./berth-data";

    /// <summary>PEM certificate (chain) for HTTPS; with <see cref="TlsKey"/>. Without both, plain HTTP.</summary>
    public string? TlsCert { get; set; }

    /// <summary>PEM private key for <see cref="TlsCert"/>.</summary>
    public string? TlsKey { get; set; }

    /// <summary>Metadata provider: <c>sqlite</c>.</summary>
    public string Metadata { get; set; } = "sqlite";

    /// <summary>Blob storage provider: <c>filesystem</c>.</summary>
    public string Storage { get; set; } = "filesystem";

    /// <summary>SQLite synchronous mode: FULL (durable on power loss) or NORMAL (durable on process crash).</summary>
    public string SqliteSynchronous { get; set; } = "FULL";

    /// <summary>Seconds a client may take to send request headers.</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 30;

    /// <summary>Minimum upload rate in bytes/s after a grace period; slower clients are disconnected.</summary>
    public int MinRequestBodyBytesPerSecond { get; set; } = 1024;

    /// <summary>Maximum concurrent connections (0 = unlimited).</summary>
    public long MaxConnections { get; set; } = 10_000;
}
