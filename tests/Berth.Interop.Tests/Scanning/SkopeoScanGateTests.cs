using Berth.Integration.Tests.Infrastructure;
using Berth.Integration.Tests.Scanning;
using Berth.Interop.Tests.Infrastructure;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Advisories.Storage;

namespace Berth.Interop.Tests.Scanning;

/// <summary>A real client refused by the pull gate shows the server's reason: which CVE, and the fix.</summary>
public sealed class SkopeoScanGateTests(InteropFixture fixture) : IClassFixture<InteropFixture>
{
    [Fact]
    public async Task Skopeo_is_refused_a_gated_image_with_a_message_naming_the_cve_and_its_fix()
    {
        var report = await new AdvisoryImporter(fixture.Server.Get<IAdvisoryStore>()).ImportAsync(ScanningFixture.TestData("advisories-initial"), CancellationToken.None);
        Assert.True(report.Succeeded, report.Failure?.ToString());
        using var owner = fixture.Server.CreateClient();
        var repo = OciClient.NewRepo("gated");
        await ScanningFixture.PutPolicyAsync(owner, repo, new { quarantine = false, gate = new { minimumSeverity = "critical" } });
        var digest = await ScanningFixture.PushImageAsync(owner, repo, "v1", ScanningFixture.DebianLayer());
        await ScanningFixture.WaitForScanAsync(owner, repo, digest);

        var copy = await fixture.SkopeoAsync("copy", "--src-tls-verify=false", "--src-creds", $"{BerthServerFixture.OwnerUsername}:{BerthServerFixture.OwnerPassword}",
            fixture.DockerRef(repo, "v1"), $"oci:{fixture.NewDirectory("dest")}:v1");

        Assert.NotEqual(0, copy.ExitCode);
        Assert.Contains("CVE-2099-0001", copy.StdErr, StringComparison.Ordinal);
        Assert.Contains("upgrade bash to 99.0-1", copy.StdErr, StringComparison.Ordinal);
    }
}
