using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Comparing valid versions of ordinary length allocates nothing on the heap (the <see cref="IVersionComparer"/>
/// contract). The check counts allocated bytes, so it is deterministic; how fast comparisons are is measured by
/// bench/Berth.Versions.Bench, not asserted here.
/// </summary>
public sealed class VersionComparerAllocationTests
{
    [Theory]
    [MemberData(nameof(VersionComparerContractTests.Schemes), MemberType = typeof(VersionComparerContractTests))]
    public void Comparing_valid_versions_does_not_allocate(string scheme)
    {
        var comparer = VersionComparerContractTests.ComparerFor(scheme);
        var (installed, events) = Workload(scheme);
        Match(comparer, installed, events);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Match(comparer, installed, events);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // 10 range events for each of 1,000 installed versions.
    private static int Match(IVersionComparer comparer, string[] installed, string[] events)
    {
        var affected = 0;
        for (var i = 0; i < installed.Length; i++)
        {
            for (var e = 0; e < 10; e++)
            {
                affected += comparer.Compare(installed[i], events[(i + e) % events.Length]) < 0 ? 1 : 0;
            }
        }

        return affected;
    }

    // 1,000 installed versions and a pool of event versions, drawn from the fixtures (valid, ordinary lengths).
    private static (string[] Installed, string[] Events) Workload(string scheme)
    {
        var comparer = VersionComparerContractTests.ComparerFor(scheme);
        var versions = VersionComparerContractTests.FilesOf(scheme).SelectMany(VersionFixture.Read)
            .SelectMany(l => new[] { l.Left, l.Right }).Distinct()
            .Where(v => v.Length <= 40 && comparer.IsValid(v)).ToArray();
        var random = new Random(5);
        var installed = Enumerable.Range(0, 1000).Select(_ => versions[random.Next(versions.Length)]).ToArray();
        var events = Enumerable.Range(0, 997).Select(_ => versions[random.Next(versions.Length)]).ToArray();
        return (installed, events);
    }
}
