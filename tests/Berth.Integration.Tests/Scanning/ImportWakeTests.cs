using System.Net;
using System.Net.Http.Json;
using Berth.Core.Jobs;
using Berth.Integration.Tests.Infrastructure;
using Berth.Scanning.Pipeline;

namespace Berth.Integration.Tests.Scanning;

/// <summary>Scanning with the periodic advisory check pushed out of reach: only an import itself can start a re-match.</summary>
public sealed class SlowAdvisoryCheckFixture : ScanningFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Scanning:Concurrency"] = "2",
        ["Berth:Scanning:AdvisoryCheckInterval"] = "1.00:00:00",
    };
}

/// <summary>An advisory import through the API re-matches the affected images at once, not at the job's next run.</summary>
public sealed class ImportWakeTests(SlowAdvisoryCheckFixture server) : IClassFixture<SlowAdvisoryCheckFixture>
{
    private readonly HttpClient _owner = server.CreateClient();

    [Fact]
    public async Task An_import_through_the_API_rematches_affected_images_without_waiting_for_the_interval()
    {
        await server.ImportAsync("advisories-initial");
        var repo = OciClient.NewRepo("wake");
        var digest = await ScanningFixture.PushImageAsync(_owner, repo, "v1", ScanningFixture.DebianLayer());
        var before = await ScanningFixture.WaitForScanAsync(_owner, repo, digest);
        Assert.DoesNotContain("CVE-2099-0003", ScanningFixture.FindingIds(before));
        await server.Get<JobScheduler>().RunNowAsync(AdvisoryReevaluationJob.JobName, CancellationToken.None);

        using var import = await _owner.PostAsJsonAsync("/api/v1/advisories/imports", new { source = ScanningFixture.TestData("advisories-update") });
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        var after = await ScanningFixture.WaitForScanAsync(_owner, repo, digest, s => ScanningFixture.FindingIds(s).Contains("CVE-2099-0003"));
        Assert.Contains("CVE-2099-0003", ScanningFixture.FindingIds(after));
    }
}
