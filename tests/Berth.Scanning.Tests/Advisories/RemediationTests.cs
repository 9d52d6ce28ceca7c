using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Advisories;

public sealed class RemediationTests
{
    private static AffectedPackage Ranges(params RangeEvent[] events) => new()
    {
        Ecosystem = "Go",
        Name = "github.com/containerd/containerd",
        Ranges = [new AffectedRange { Type = RangeTypes.Semver, Events = events }],
    };

    [Theory]
    [InlineData("1.4.0", "1.4.13")]
    [InlineData("1.5.3", "1.5.10")]
    [InlineData("1.6.0", "1.6.1")]
    [InlineData("1.6.1", null)]
    public void Lowest_fix_above_the_installed_version(string installed, string? expected)
    {
        // GO-2022-0344: [0, 1.4.13) [1.5.0, 1.5.10) [1.6.0, 1.6.1).
        var affected = Ranges(RangeEvent.Introduced("0"), RangeEvent.Fixed("1.4.13"), RangeEvent.Introduced("1.5.0"),
            RangeEvent.Fixed("1.5.10"), RangeEvent.Introduced("1.6.0"), RangeEvent.Fixed("1.6.1"));
        Assert.Equal(expected, Remediation.LowestFixedAbove(installed, affected, SemVerComparer.Instance));
    }

    [Fact]
    public void A_fix_that_a_later_range_affects_again_is_skipped()
    {
        var affected = new AffectedPackage
        {
            Ecosystem = "npm",
            Name = "x",
            Ranges =
            [
                new AffectedRange { Type = RangeTypes.Semver, Events = [RangeEvent.Introduced("1.0.0"), RangeEvent.Fixed("1.2.0")] },
                new AffectedRange { Type = RangeTypes.Semver, Events = [RangeEvent.Introduced("1.1.0"), RangeEvent.Fixed("1.3.0")] },
            ],
        };
        Assert.Equal("1.3.0", Remediation.LowestFixedAbove("1.1.5", affected, SemVerComparer.Instance));
    }

    [Fact]
    public void Last_affected_only_has_no_fix() =>
        Assert.Null(Remediation.LowestFixedAbove("1.0.0", Ranges(RangeEvent.Introduced("0"), RangeEvent.LastAffected("1.11.0")), SemVerComparer.Instance));

    [Fact]
    public void Patched_requirements_give_their_lower_bounds()
    {
        var affected = new AffectedPackage
        {
            Ecosystem = "RubyGems",
            Name = "actionpack",
            Constraints = new VersionConstraints { Syntax = ConstraintSyntax.RubyGems, Patched = ["~> 3.2.16", ">= 4.0.2"], Unaffected = ["~> 2.3.0"] },
        };
        Assert.Equal("3.2.16", Remediation.LowestFixedAbove("3.2.1", affected, RubyGemsVersionComparer.Instance));
        Assert.Equal("4.0.2", Remediation.LowestFixedAbove("4.0.0", affected, RubyGemsVersionComparer.Instance));
    }

    [Fact]
    public void A_patched_alternative_with_two_bounds_offers_the_greater()
    {
        // rubysec actionmailer CVE-2024-47889.
        var affected = new AffectedPackage
        {
            Ecosystem = "RubyGems",
            Name = "actionmailer",
            Constraints = new VersionConstraints
            {
                Syntax = ConstraintSyntax.RubyGems,
                Patched = ["~> 6.1.7.9", "~> 7.0.8, >= 7.0.8.5", "~> 7.1.4, >= 7.1.4.1", ">= 7.2.1.1"],
                Unaffected = ["< 3.0.0"],
            },
        };
        Assert.Equal(["6.1.7.9", "7.0.8.5", "7.1.4.1", "7.2.1.1"], Remediation.FixedVersions(affected, RubyGemsVersionComparer.Instance));
        Assert.Equal("7.0.8.5", Remediation.LowestFixedAbove("7.0.8", affected));
        Assert.True(AffectedEvaluator.Affects("7.0.8.4", affected));
        Assert.False(AffectedEvaluator.Affects("7.0.8.5", affected));
        Assert.False(AffectedEvaluator.Affects("2.3.0", affected));
    }

    [Fact]
    public void Distro_fix_with_epoch()
    {
        var affected = new AffectedPackage
        {
            Ecosystem = "Debian:11",
            Name = "thunderbird",
            Ranges = [new AffectedRange { Type = RangeTypes.Ecosystem, Events = [RangeEvent.Introduced("0"), RangeEvent.Fixed("1:102.9.0-1~deb11u1")] }],
        };
        Assert.Equal("1:102.9.0-1~deb11u1", Remediation.LowestFixedAbove("1:102.8.0-1~deb11u1", affected, DpkgVersionComparer.Instance));
    }
}
