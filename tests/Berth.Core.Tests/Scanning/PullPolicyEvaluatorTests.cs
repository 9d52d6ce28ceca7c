using Berth.Core.Scanning;
using Berth.Core.Scanning.Policy;

namespace Berth.Core.Tests.Scanning;

public sealed class PullPolicyEvaluatorTests
{
    private const string Repo = "team/app";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static readonly PullGate HighGate = new() { MinimumSeverity = FindingSeverity.High };

    private static Finding F(string id, FindingSeverity severity, string? fixedVersion = "1.1", string package = "openssl", params string[] otherIds) => new()
    {
        Id = id,
        Ids = [id, .. otherIds],
        Package = package,
        Ecosystem = "Debian:12",
        InstalledVersion = "1.0",
        FixedVersion = fixedVersion,
        Severity = severity,
    };

    private static ScanReport Report(params Finding[] findings) => new()
    {
        Repository = Repo,
        Digest = "sha256:abc",
        GeneratedAt = Now.AddHours(-1),
        Findings = ScanReport.Sort(findings),
    };

    private static PullDecision Decide(ScanPolicy policy, ScanReport? report, bool quarantined = false, bool bypass = false, int max = PullPolicyEvaluator.DefaultMaxListed) =>
        PullPolicyEvaluator.Decide(policy, new PullRequestFacts(Repo, "sha256:abc", report, quarantined, bypass), Now, max);

    [Fact]
    public void No_policy_allows_everything()
    {
        Assert.True(Decide(ScanPolicy.None, Report(F("CVE-1", FindingSeverity.Critical))).Allowed);
        Assert.True(Decide(ScanPolicy.None, null, quarantined: false).Allowed);
    }

    [Fact]
    public void Quarantined_image_without_a_completed_scan_is_refused_with_a_being_scanned_message()
    {
        var policy = new ScanPolicy { QuarantineNewPushes = true, Gate = HighGate };

        var decision = Decide(policy, null, quarantined: true);

        Assert.Equal(PullOutcome.Quarantined, decision.Outcome);
        Assert.Contains("being scanned", decision.Message, StringComparison.Ordinal);
        Assert.Empty(decision.Blocking);
    }

    [Fact]
    public void Pusher_signer_and_owner_may_pull_a_quarantined_image()
    {
        var policy = new ScanPolicy { QuarantineNewPushes = true };

        Assert.True(Decide(policy, null, quarantined: true, bypass: true).Allowed);
    }

    [Fact]
    public void A_completed_scan_releases_quarantine_and_the_gate_judges_it()
    {
        var policy = new ScanPolicy { QuarantineNewPushes = true, Gate = HighGate };

        Assert.True(Decide(policy, Report(F("CVE-1", FindingSeverity.Medium)), quarantined: true).Allowed);
        Assert.Equal(PullOutcome.Denied, Decide(policy, Report(F("CVE-1", FindingSeverity.High)), quarantined: true).Outcome);
    }

    [Fact]
    public void Unscanned_image_that_was_not_quarantined_is_allowed_by_the_gate()
    {
        Assert.True(Decide(new ScanPolicy { Gate = HighGate }, null).Allowed);
    }

    [Fact]
    public void Gate_denies_findings_at_or_above_the_minimum_naming_package_versions_and_fix()
    {
        var report = Report(
            F("CVE-2023-0001", FindingSeverity.Critical, "3.0.8", "openssl"),
            F("CVE-2023-0002", FindingSeverity.High, null, "zlib"),
            F("CVE-2023-0003", FindingSeverity.Medium, "2.0", "curl"));

        var decision = Decide(new ScanPolicy { Gate = HighGate }, report);

        Assert.Equal(PullOutcome.Denied, decision.Outcome);
        Assert.Equal(2, decision.TotalBlocking);
        Assert.Equal(["CVE-2023-0001", "CVE-2023-0002"], decision.Blocking.Select(b => b.Id));
        var first = decision.Blocking[0];
        Assert.Equal(("openssl", "1.0", "3.0.8", "upgrade openssl to 3.0.8"), (first.Package, first.InstalledVersion, first.FixedVersion, first.Hint));
        Assert.Contains("CVE-2023-0001 (Critical) in openssl 1.0, fixed in 3.0.8: upgrade openssl to 3.0.8", decision.Message, StringComparison.Ordinal);
        Assert.Contains("CVE-2023-0002 (High) in zlib 1.0, no fix available yet", decision.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("CVE-2023-0003", decision.Message, StringComparison.Ordinal);
        Assert.Contains("team/app@sha256:abc", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_fixable_gate_ignores_findings_without_a_fix()
    {
        var policy = new ScanPolicy { Gate = HighGate with { OnlyFixable = true } };

        Assert.True(Decide(policy, Report(F("CVE-1", FindingSeverity.Critical, fixedVersion: null))).Allowed);
        var denied = Decide(policy, Report(F("CVE-1", FindingSeverity.Critical, fixedVersion: null), F("CVE-2", FindingSeverity.High)));
        Assert.Equal(["CVE-2"], denied.Blocking.Select(b => b.Id));
        Assert.Contains("with a fix available", denied.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_severity_never_blocks_even_with_a_minimum_of_none()
    {
        var policy = new ScanPolicy { Gate = new PullGate { MinimumSeverity = FindingSeverity.None } };

        Assert.True(Decide(policy, Report(F("CVE-1", FindingSeverity.Unknown))).Allowed);
        Assert.False(Decide(policy, Report(F("CVE-1", FindingSeverity.Low))).Allowed);
    }

    [Fact]
    public void Denial_names_at_most_the_limit_and_counts_the_rest()
    {
        var findings = Enumerable.Range(1, 8).Select(i => F($"CVE-2023-{i:0000}", FindingSeverity.High)).ToArray();

        var decision = Decide(new ScanPolicy { Gate = HighGate }, Report(findings), max: 3);

        Assert.Equal(3, decision.Blocking.Count);
        Assert.Equal(8, decision.TotalBlocking);
        Assert.Contains("and 5 more", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Allowlisted_ids_do_not_block_until_they_expire()
    {
        var report = Report(F("CVE-1", FindingSeverity.Critical, otherIds: "GHSA-xxxx"), F("CVE-2", FindingSeverity.Critical));
        var live = new ScanPolicy
        {
            Gate = HighGate,
            Allowlist = [new AllowlistEntry("cve-1", Now.AddDays(1)), new AllowlistEntry("GHSA-xxxx"), new AllowlistEntry("CVE-2", Now)],
        };

        var decision = Decide(live, report);

        Assert.Equal(["CVE-2"], decision.Blocking.Select(b => b.Id));
        Assert.True(Decide(live with { Allowlist = [.. live.Allowlist, new AllowlistEntry("CVE-2", Now.AddSeconds(1))] }, report).Allowed);
        Assert.Equal(2, Decide(live with { Allowlist = [new AllowlistEntry("CVE-1", Now.AddDays(-1))] }, report).TotalBlocking);
    }

    [Fact]
    public void Allowlist_entries_for_another_repository_do_not_apply()
    {
        var report = Report(F("CVE-1", FindingSeverity.Critical));

        Assert.False(Decide(new ScanPolicy { Gate = HighGate, Allowlist = [new AllowlistEntry("CVE-1", null, "team/other")] }, report).Allowed);
        Assert.True(Decide(new ScanPolicy { Gate = HighGate, Allowlist = [new AllowlistEntry("CVE-1", null, Repo)] }, report).Allowed);
    }

    [Fact]
    public void Repository_policy_replaces_the_registry_gate_and_adds_to_its_allowlist()
    {
        var registry = new ScanPolicy
        {
            QuarantineNewPushes = true,
            Gate = HighGate,
            Allowlist = [new AllowlistEntry("CVE-1"), new AllowlistEntry("CVE-2", null, "team/other")],
        };
        var repository = new ScanPolicy { Gate = new PullGate { MinimumSeverity = FindingSeverity.Critical }, Allowlist = [new AllowlistEntry("CVE-3")] };

        var combined = ScanPolicy.Combine(registry, repository, Repo);
        var inherited = ScanPolicy.Combine(registry, null, Repo);

        Assert.False(combined.QuarantineNewPushes);
        Assert.Equal(FindingSeverity.Critical, combined.Gate!.MinimumSeverity);
        Assert.Equal(["CVE-1", "CVE-3"], combined.Allowlist.Select(e => e.VulnerabilityId));
        Assert.Equal(Repo, combined.Allowlist[1].Repository);
        Assert.True(inherited.QuarantineNewPushes);
        Assert.Equal(["CVE-1"], inherited.Allowlist.Select(e => e.VulnerabilityId));
    }

    [Fact]
    public void Gate_that_only_sees_allowed_findings_allows_the_pull()
    {
        var decision = Decide(new ScanPolicy { Gate = HighGate }, Report(F("CVE-1", FindingSeverity.Low), F("CVE-2", FindingSeverity.Medium)));

        Assert.Same(PullDecision.Allow, decision);
        Assert.Null(decision.Message);
    }

    [Theory]
    [InlineData("CRITICAL", FindingSeverity.Critical)]
    [InlineData("Important", FindingSeverity.High)]
    [InlineData("moderate", FindingSeverity.Medium)]
    [InlineData("unimportant", FindingSeverity.Low)]
    [InlineData("not yet assigned", null)]
    [InlineData(null, null)]
    public void Severity_words_map_to_ratings(string? word, FindingSeverity? expected)
    {
        Assert.Equal(expected, FindingSeverities.FromWord(word));
    }

    [Theory]
    [InlineData("high", true, FindingSeverity.High)]
    [InlineData("Critical", true, FindingSeverity.Critical)]
    [InlineData("3", false, FindingSeverity.Unknown)]
    [InlineData("severe", false, FindingSeverity.Unknown)]
    public void Severity_names_parse(string text, bool ok, FindingSeverity expected)
    {
        Assert.Equal(ok, FindingSeverities.TryParse(text, out var parsed));
        if (ok)
        {
            Assert.Equal(expected, parsed);
        }
    }
}
