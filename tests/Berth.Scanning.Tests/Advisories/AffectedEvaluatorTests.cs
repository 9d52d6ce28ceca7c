using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Matching;
using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>The OSV schema's evaluation algorithm, on the schema's own examples and the awkward cases.</summary>
public sealed class AffectedEvaluatorTests
{
    private static readonly IVersionComparer SemVer = SemVerComparer.Instance;

    private static AffectedPackage Package(string type, params RangeEvent[] events) => new()
    {
        Ecosystem = "npm",
        Name = "pkg",
        Ranges = [new AffectedRange { Type = type, Events = events }],
    };

    private static AffectedPackage Semver(params RangeEvent[] events) => Package(RangeTypes.Semver, events);

    private static RangeEvent I(string v) => RangeEvent.Introduced(v);

    private static RangeEvent F(string v) => RangeEvent.Fixed(v);

    [Theory]
    [InlineData("0.0.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("999.0.0", true)]
    [InlineData("0.0.0-alpha", true)]
    public void Unfixed_example_every_version_is_affected(string version, bool expected) =>
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(I("0")), SemVer));

    [Theory]
    [InlineData("0.1.0", true)]
    [InlineData("1.0.1", true)]
    [InlineData("1.0.2-rc.1", true)]
    [InlineData("1.0.2", false)]
    [InlineData("2.0.0", false)]
    public void Fixed_example_everything_before_the_fix(string version, bool expected) =>
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(I("0"), F("1.0.2")), SemVer));

    [Theory]
    [InlineData("0.9.0", false)]
    [InlineData("1.0.0", true)]
    [InlineData("1.0.1", true)]
    [InlineData("1.0.2", false)]
    [InlineData("2.5.0", false)]
    [InlineData("3.0.0", true)]
    [InlineData("3.2.4", true)]
    [InlineData("3.2.5", false)]
    [InlineData("4.0.0", false)]
    public void Multiple_range_example(string version, bool expected) =>
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(I("1.0.0"), F("1.0.2"), I("3.0.0"), F("3.2.5")), SemVer));

    [Theory]
    [InlineData("2.5.0", false)]
    [InlineData("3.1.0", true)]
    [InlineData("1.0.1", true)]
    [InlineData("3.2.5", false)]
    public void Unsorted_events_are_sorted_by_the_comparer_first(string version, bool expected) =>
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(F("3.2.5"), I("3.0.0"), F("1.0.2"), I("1.0.0")), SemVer));

    [Theory]
    [InlineData("2.1.213", true)]
    [InlineData("2.1.214", true)]
    [InlineData("2.1.215", false)]
    public void Last_affected_includes_that_version(string version, bool expected) =>
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Package(RangeTypes.Ecosystem, I("0"), RangeEvent.LastAffected("2.1.214")), SemVer));

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("1.4.9", true)]
    [InlineData("1.5.0", false)]
    [InlineData("9.0.0", false)]
    [InlineData("0.9.0", false)]
    public void Limit_caps_an_open_range(string version, bool expected) =>
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(I("1.0.0"), RangeEvent.Limit("1.5.0")), SemVer));

    [Theory]
    [InlineData("1.2.0", true)]
    [InlineData("2.3.0", true)]
    [InlineData("0.9.0", false)]
    public void Star_limit_is_infinity_and_any_limit_admits(string version, bool expected)
    {
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(I("1.0.0"), RangeEvent.Limit("*")), SemVer));
        Assert.Equal(expected, AffectedEvaluator.Affects(version, Semver(I("1.0.0"), RangeEvent.Limit("1.5.0"), RangeEvent.Limit("3.0.0")), SemVer));
    }

    [Fact]
    public void Limit_applies_together_with_fixed()
    {
        var affected = Semver(I("1.0.0"), F("2.0.0"), I("3.0.0"), RangeEvent.Limit("4.0.0"));
        Assert.True(AffectedEvaluator.Affects("1.5.0", affected, SemVer));
        Assert.False(AffectedEvaluator.Affects("2.5.0", affected, SemVer));
        Assert.True(AffectedEvaluator.Affects("3.5.0", affected, SemVer));
        Assert.False(AffectedEvaluator.Affects("4.0.0", affected, SemVer));
    }

    [Fact]
    public void Introduced_zero_is_below_versions_the_comparer_would_put_first()
    {
        // "0" is special: even a version the comparer orders below the string "0" is affected.
        var affected = Semver(I("0"), F("1.0.0"));
        Assert.True(AffectedEvaluator.Affects("0.0.0-0", affected, SemVer));
    }

    [Fact]
    public void Versions_list_alone_matches_exactly_listed_versions()
    {
        var affected = new AffectedPackage { Ecosystem = "PyPI", Name = "zstd", Versions = ["1.3.4", "1.5.0.0"] };
        Assert.True(AffectedEvaluator.Affects("1.3.4", affected, SemVer));
        Assert.False(AffectedEvaluator.Affects("1.3.5", affected, SemVer));
        Assert.True(AffectedEvaluator.Affects("1.5.0.0", affected, SemVer));
    }

    [Fact]
    public void Versions_list_uses_comparer_equality_for_valid_versions()
    {
        var affected = new AffectedPackage { Ecosystem = "npm", Name = "x", Versions = ["1.2.3+build.5"] };
        Assert.True(AffectedEvaluator.Affects("1.2.3", affected, SemVer));
    }

    [Fact]
    public void Git_ranges_never_match_only_their_versions_list_does()
    {
        var git = new AffectedRange
        {
            Type = RangeTypes.Git,
            Repo = "https://github.com/owner/repo",
            Events = [I("6e5755a2a833bc64852eae12967d0a54d7adf629"), F("c43455749b914feef56b178b256f29b3016146eb")],
        };
        var affected = new AffectedPackage { Ecosystem = "PyPI", Name = "x", Ranges = [git], Versions = ["v2.0.0"] };
        Assert.False(AffectedEvaluator.Affects("6e5755a2a833bc64852eae12967d0a54d7adf629", affected, SemVer));
        Assert.False(AffectedEvaluator.Affects("1.0.0", affected, SemVer));
        Assert.True(AffectedEvaluator.Affects("v2.0.0", affected, SemVer));
    }

    [Fact]
    public void Ecosystems_without_an_order_match_listed_versions_only()
    {
        var affected = new AffectedPackage
        {
            Ecosystem = "OSS-Fuzz",
            Name = "icu",
            Ranges = [new AffectedRange { Type = RangeTypes.Ecosystem, Events = [I("0")] }],
            Versions = ["release-67-1"],
        };
        Assert.True(AffectedEvaluator.Affects("release-67-1", affected));
        Assert.False(AffectedEvaluator.Affects("release-68-1", affected));
        Assert.Null(Remediation.LowestFixedAbove("release-67-1", affected));
    }

    [Fact]
    public void Unknown_range_types_are_ignored()
    {
        Assert.False(AffectedEvaluator.Affects("1.0.0", Package("SOMETHING_NEW", I("0")), SemVer));
    }

    [Fact]
    public void Any_range_or_the_versions_list_is_enough()
    {
        var affected = new AffectedPackage
        {
            Ecosystem = "npm",
            Name = "x",
            Ranges =
            [
                new AffectedRange { Type = RangeTypes.Semver, Events = [I("1.0.0"), F("1.1.0")] },
                new AffectedRange { Type = RangeTypes.Semver, Events = [I("2.0.0"), F("2.1.0")] },
            ],
            Versions = ["5.0.0"],
        };
        Assert.True(AffectedEvaluator.Affects("1.0.5", affected, SemVer));
        Assert.True(AffectedEvaluator.Affects("2.0.5", affected, SemVer));
        Assert.True(AffectedEvaluator.Affects("5.0.0", affected, SemVer));
        Assert.False(AffectedEvaluator.Affects("3.0.0", affected, SemVer));
    }

    [Fact]
    public void Withdrawn_advisories_match_nothing()
    {
        var advisory = new Advisory
        {
            Id = "GHSA-test",
            Source = "GHSA",
            Affected = [Semver(I("0"))],
        };
        var key = PackageKey.For("npm", "pkg");
        Assert.True(AffectedEvaluator.Affects("1.0.0", advisory, key, SemVer));
        Assert.False(AffectedEvaluator.Affects("1.0.0", advisory with { Withdrawn = DateTimeOffset.UnixEpoch }, key, SemVer));
        Assert.False(AffectedEvaluator.Affects("1.0.0", advisory, PackageKey.For("npm", "other"), SemVer));
    }

    [Fact]
    public void Distro_ranges_use_the_distro_comparer()
    {
        var debian = new AffectedPackage
        {
            Ecosystem = "Debian:11",
            Name = "xorg-server",
            Ranges = [new AffectedRange { Type = RangeTypes.Ecosystem, Events = [I("0"), F("2:1.20.11-1+deb11u6")] }],
        };
        Assert.True(AffectedEvaluator.Affects("2:1.20.11-1+deb11u5", debian, DpkgVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("2:1.20.11-1+deb11u6", debian, DpkgVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects("2:1.20.11-1+deb11u6~bpo1", debian, DpkgVersionComparer.Instance)); // ~ sorts before
        // Without the epoch the version is far older (epoch 0): affected.
        Assert.True(AffectedEvaluator.Affects("1.20.11-1+deb11u6", debian, DpkgVersionComparer.Instance));
    }

    [Fact]
    public void Rpm_fixed_versions_with_epochs()
    {
        var alma = new AffectedPackage
        {
            Ecosystem = "AlmaLinux:9",
            Name = "perl-FCGI",
            Ranges = [new AffectedRange { Type = RangeTypes.Ecosystem, Events = [I("0"), F("1:0.79-8.1.el9_6")] }],
        };
        Assert.True(AffectedEvaluator.Affects("1:0.79-8.el9", alma, RpmVersionComparer.Instance));
        Assert.False(AffectedEvaluator.Affects("1:0.79-8.1.el9_6", alma, RpmVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects("0.82-1.el9", alma, RpmVersionComparer.Instance));
        Assert.True(AffectedEvaluator.Affects(DistroEcosystems.RpmVersion(1, "0.79", "8.el9"), alma, RpmVersionComparer.Instance));
    }

    [Fact]
    public void Sorting_is_stable_and_puts_zero_first()
    {
        var sorted = AffectedEvaluator.Sorted([F("2.0.0"), I("1.0.0"), I("0"), F("1.0.0")], SemVer);
        Assert.Equal([I("0"), I("1.0.0"), F("1.0.0"), F("2.0.0")], sorted);
    }
}
