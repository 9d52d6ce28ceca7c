using System.Net;
using Berth.Integration.Tests.Auth;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Scanning;

/// <summary>
/// Quarantine of new pushes: refused (403 DENIED, "being scanned") until the first scan completes, except for the
/// pusher and Owner. To hold an image in quarantine without racing the scanner, its layer's bytes are moved out of
/// storage before the push (the scan then fails: a failed scan releases nothing) and put back before a rescan.
/// </summary>
public sealed class QuarantineTests(ScanningFixture server) : IClassFixture<ScanningFixture>
{
    private readonly HttpClient _owner = server.CreateClient();

    [Fact]
    public async Task A_quarantined_image_is_refused_until_scanned_except_for_its_pusher_and_owners()
    {
        await server.ImportAsync("advisories-initial");
        var auth = new AuthApi(server);
        var repo = OciClient.NewRepo("quarantine");
        var pusher = await auth.CreateUserAsync("AcrPush");
        var puller = await auth.CreateUserAsync("AcrPull");
        using var pusherClient = server.CreateClient(pusher.Username, pusher.Password);
        using var pullerClient = server.CreateClient(puller.Username, puller.Password);
        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = true });

        var layer = ScanningFixture.DebianLayer();
        var stored = BlobFile(OciClient.Digest(layer));
        var digest = await PushWithoutLayerBytesAsync(pusherClient, repo, layer, stored);
        var failed = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        Assert.Equal("failed", failed.GetProperty("status").GetString());

        using (var denied = await pullerClient.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            await OciClient.AssertErrorAsync(denied, HttpStatusCode.Forbidden, "DENIED");
            Assert.Contains("being scanned", (await OciClient.ErrorAsync(denied)).GetProperty("message").GetString()!, StringComparison.Ordinal);
        }

        using (var byPusher = await pusherClient.GetAsync($"/v2/{repo}/manifests/v1"))
        {
            Assert.Equal(HttpStatusCode.OK, byPusher.StatusCode);
        }

        using (var byOwner = await _owner.GetAsync($"/v2/{repo}/manifests/{digest}"))
        {
            Assert.Equal(HttpStatusCode.OK, byOwner.StatusCode);
        }

        File.Move(stored + ".away", stored);
        using (var rescan = await _owner.PostAsync(ScanningFixture.ScanPath(repo, digest), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, rescan.StatusCode);
        }

        var completed = await ScanningFixture.WaitForScanAsync(_owner, repo, digest, s => s.GetProperty("status").GetString() == "completed");
        Assert.Contains("CVE-2099-0001", ScanningFixture.FindingIds(completed));
        using var released = await pullerClient.GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
    }

    [Fact]
    public async Task Images_pushed_before_quarantine_was_turned_on_stay_pullable()
    {
        var repo = OciClient.NewRepo("quarantine");
        var auth = new AuthApi(server);
        var puller = await auth.CreateUserAsync("AcrPull");
        using var pullerClient = server.CreateClient(puller.Username, puller.Password);
        var layer = ScanningFixture.DebianLayer();
        var stored = BlobFile(OciClient.Digest(layer));
        var digest = await PushWithoutLayerBytesAsync(_owner, repo, layer, stored);
        await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        File.Move(stored + ".away", stored);

        await ScanningFixture.PutPolicyAsync(_owner, repo, new { quarantine = true });

        using var pulled = await pullerClient.GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, pulled.StatusCode);
    }

    // Pushes the layer, moves its stored bytes aside, then pushes config and manifest (metadata still knows the blob).
    private static async Task<string> PushWithoutLayerBytesAsync(HttpClient client, string repo, byte[] layer, string stored)
    {
        var oci = new OciClient(client);
        await oci.PushBlobAsync(repo, layer);
        File.Move(stored, stored + ".away");
        return await ScanningFixture.PushImageAsync(client, repo, "v1", layer);
    }

    private string BlobFile(string digest)
    {
        var hex = digest["sha256:".Length..];
        return Path.Combine(server.DataDirectory, "blobs", "sha256", hex[..2], hex);
    }
}
