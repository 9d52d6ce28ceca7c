using Berth.Core.Scanning;
using Berth.Scanning.Findings;
using Berth.Scanning.Findings.Components;
using Berth.Scanning.Tests.Advisories;

namespace Berth.Scanning.Tests.Findings;

/// <summary>One advisory store per test class holding TestData/advisories and TestData/matching (real data, see their NOTICE.md).</summary>
public sealed class MatchingFixture : IAsyncLifetime
{
    private readonly TestAdvisoryStore store = new();

    internal TestAdvisoryStore Store => store;

    public AdvisoryMatcher Matcher => new(store.Store);

    public async Task InitializeAsync()
    {
        foreach (var folder in new[] { "advisories", "matching" })
        {
            var report = await store.ImportAsync(Path.Combine(AppContext.BaseDirectory, "TestData", folder));
            Assert.True(report.Succeeded, report.Failure?.ToString());
        }
    }

    public Task DisposeAsync()
    {
        store.Dispose();
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<Finding>> MatchAsync(TestSbom sbom) => Matcher.MatchAsync(sbom.Read().Components, CancellationToken.None);

    public Task<IReadOnlyList<Finding>> MatchAsync(IReadOnlyList<ScannedComponent> components) => Matcher.MatchAsync(components, CancellationToken.None);
}
