using System.Text.Json;
using Berth.Core.Events;
using Berth.Core.Jobs;
using Berth.Integration.Tests.Infrastructure;
using Berth.Scanning.Pipeline;

namespace Berth.Integration.Tests.Scanning;

/// <summary>Advisory changes re-match only the images whose SBOM holds an affected package, and report what is new.</summary>
public sealed class ReevaluationTests(ScanningFixture server) : IClassFixture<ScanningFixture>
{
    private readonly HttpClient _owner = server.CreateClient();

    [Fact]
    public async Task An_advisory_import_rematches_only_affected_images_and_announces_new_findings()
    {
        await server.ImportAsync("advisories-initial");
        var affectedRepo = OciClient.NewRepo("reeval");
        var otherRepo = OciClient.NewRepo("reeval");
        var affected = await ScanningFixture.PushImageAsync(_owner, affectedRepo, "v1", ScanningFixture.DebianLayer());
        var other = await ScanningFixture.PushImageAsync(_owner, otherRepo, "v1", ScanningFixture.TinyDebianLayer());
        var before = await ScanningFixture.WaitForScanAsync(_owner, affectedRepo, affected);
        var otherBefore = await ScanningFixture.WaitForScanAsync(_owner, otherRepo, other);
        Assert.DoesNotContain("CVE-2099-0003", ScanningFixture.FindingIds(before));
        Assert.Empty(ScanningFixture.FindingIds(otherBefore));
        await server.Get<JobScheduler>().RunNowAsync(AdvisoryReevaluationJob.JobName, CancellationToken.None);

        await server.ImportAsync("advisories-update");
        await server.Get<JobScheduler>().RunNowAsync(AdvisoryReevaluationJob.JobName, CancellationToken.None);

        // The version recorded is the one current when the scan started (a scan may see data committed meanwhile).
        var after = await ScanningFixture.WaitForScanAsync(_owner, affectedRepo, affected, s => ScanningFixture.FindingIds(s).Contains("CVE-2099-0003")
            && s.GetProperty("advisoryVersion").GetInt64() > before.GetProperty("advisoryVersion").GetInt64());
        Assert.Equal(before.GetProperty("sboms")[0].GetProperty("referrer").GetString(), after.GetProperty("sboms")[0].GetProperty("referrer").GetString());
        var otherAfter = await ScanningFixture.WaitForScanAsync(_owner, otherRepo, other);
        Assert.Equal(otherBefore.GetProperty("completedAt").GetDateTimeOffset(), otherAfter.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(otherBefore.GetProperty("advisoryVersion").GetInt64(), otherAfter.GetProperty("advisoryVersion").GetInt64());

        // The events follow the stored report: wait for them.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        IReadOnlyList<RegistryEvent> events;
        while (!(events = await server.Get<IEventOutbox>().ReadAsync(0, 10_000, CancellationToken.None)).Any(e => e.Action == EventActions.VulnerabilityFound))
        {
            Assert.True(DateTime.UtcNow < deadline, "no vulnerability_found event");
            await Task.Delay(100);
        }

        Assert.Contains(events, e => e.Action == EventActions.ScanCompleted && e.Target.Digest == other);
        var found = Assert.Single(events, e => e.Action == EventActions.VulnerabilityFound && e.Target.Digest == affected);
        using var data = JsonDocument.Parse(found.Data!);
        var ids = data.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("id").GetString()).ToList();
        Assert.Equal(["CVE-2099-0003"], ids);
        Assert.DoesNotContain(events, e => e.Action == EventActions.VulnerabilityFound && e.Target.Digest == other);
        Assert.DoesNotContain(events, e => e.Action == EventActions.Push && e.Actor == Berth.Core.Scanning.ScanningActors.Scanner && e.Target.Repository == otherRepo && e.Target.Digest == other);
    }
}
