using Berth.Integration.Tests.Infrastructure;
using Berth.Integration.Tests.Webhooks;

namespace Berth.Integration.Tests.Scanning;

/// <summary>A server that scans and delivers webhooks to loopback receivers.</summary>
public sealed class ScanWebhookFixture : ScanningFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(WebhookSettings.Fast(allowLoopback: true))
    {
        ["Berth:Scanning:Concurrency"] = "2",
    };
}

/// <summary>What webhooks see of scanning: a quarantine on push, and never the scanner's own SBOM pushes.</summary>
public sealed class ScanWebhookTests(ScanWebhookFixture server) : IClassFixture<ScanWebhookFixture>, IAsyncLifetime
{
    private readonly HttpClient _owner = server.CreateClient();
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Webhooks_get_the_users_push_and_its_quarantine_but_not_the_sbom_push()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("hooked");
        await new HooksApi(server).CreateAsync(HooksApi.NewName(), _receiver.Url, ["push", "quarantine"], scope: repo);
        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = true });

        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        var scan = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        var sbom = scan.GetProperty("sboms")[0].GetProperty("referrer").GetString();

        // A later user push: once it is delivered, anything queued before it (the SBOM push) would have been too.
        var sentinel = await ScanningFixture.PushImageAsync(_owner, repo, "v2", ScanningFixture.TinyDebianLayer());
        await _receiver.WaitForAsync(1, h => h.Json.GetProperty("target").GetProperty("digest").GetString() == sentinel && h.Json.GetProperty("action").GetString() == "push");
        var hooks = await _receiver.WaitForAsync(1, h => h.Json.GetProperty("action").GetString() == "quarantine");

        Assert.Contains(hooks, h => h.Json.GetProperty("target").GetProperty("digest").GetString() == digest);
        var all = _receiver.Received;
        Assert.Contains(all, h => h.Json.GetProperty("action").GetString() == "push" && h.Json.GetProperty("target").GetProperty("digest").GetString() == digest);
        Assert.DoesNotContain(all, h => h.Json.GetProperty("target").GetProperty("digest").GetString() == sbom);
    }
}
