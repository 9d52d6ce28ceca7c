namespace Berth.Core.Webhooks;

/// <summary>Webhook delivery settings (section <c>Berth:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "Berth:Webhooks";

    /// <summary>
    /// Lets service URIs resolve to loopback addresses (tests, a receiver on the same machine). Link-local, unspecified
    /// and cloud metadata addresses stay refused; list a host in <see cref="AllowedHosts"/> to allow it whatever it resolves to.
    /// </summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Host names (exact, case-insensitive) exempt from the address check.</summary>
    public IList<string> AllowedHosts { get; } = [];

    /// <summary>Time allowed for one delivery request, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Delay before the first retry; each further retry doubles it (with ±20% jitter) up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a delivery is retried before it is marked failed (at least a day by default).</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often due retries are looked for.</summary>
    public TimeSpan RetryPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Finished deliveries older than this leave the delivery log.</summary>
    public TimeSpan LogRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Deliveries sent at the same time.</summary>
    public int Concurrency { get; set; } = 8;
}
