using Berth.Scanning.Advisories;
using Berth.Scanning.Versions;
using Berth.Scanning.Advisories.Matching;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>RubyGems requirements and node-semver ranges, as the rubysec and legacy npm data use them.</summary>
public sealed class RequirementTests
{
    [Theory]
    [InlineData("~> 2.2.3", "2.2.3", true)]
    [InlineData("~> 2.2.3", "2.2.9", true)]
    [InlineData("~> 2.2.3", "2.3.0", false)]
    [InlineData("~> 2.2.3", "2.2.2", false)]
    [InlineData("~> 2.2", "2.9.9", true)]
    [InlineData("~> 2.2", "3.0", false)]
    [InlineData("~> 2", "2.9", true)]
    [InlineData("~> 2", "3.0", false)]
    [InlineData("~> 1.2.5", "1.3.0.pre", false)]
    [InlineData("~> 1.2.5", "1.2.6.rc1", true)]
    [InlineData(">= 4.0.2", "4.0.2", true)]
    [InlineData(">= 4.0.2", "4.0.1", false)]
    [InlineData("< 2.0.0", "1.9", true)]
    [InlineData("> 1.0", "1.0.0", false)]
    [InlineData("<= 1.0", "1.0.0", true)]
    [InlineData("= 1.2", "1.2.0", true)]
    [InlineData("1.2", "1.2.0", true)]
    [InlineData("!= 1.2", "1.2.0", false)]
    [InlineData("~> 5.1.7, >= 5.1.7.1", "5.1.7", false)]
    [InlineData("~> 5.1.7, >= 5.1.7.1", "5.1.7.1", true)]
    [InlineData(">= 1.8.2-r2", "1.8.3", true)]
    public void RubyGems_requirements(string requirement, string version, bool expected) =>
        Assert.Equal(expected, ConstraintEvaluator.Satisfies(version, ConstraintSyntax.RubyGems, requirement, RubyGemsVersionComparer.Instance));

    [Theory]
    [InlineData("2.2.5", "2.3")]
    [InlineData("2", "3")]
    [InlineData("0.9.9.1", "0.9.10")]
    [InlineData("1.2.5.beta", "1.3")]
    public void RubyGems_bump(string version, string expected) => Assert.Equal(expected, RubyGemsRequirementParser.Bump(version));

    [Theory]
    [InlineData("")]
    [InlineData(">=")]
    [InlineData(">= abc")]
    [InlineData("=> 1.0")]
    public void RubyGems_requirements_that_do_not_parse(string requirement) =>
        Assert.Null(ConstraintEvaluator.Parse(ConstraintSyntax.RubyGems, requirement));

    [Fact]
    public void Rubysec_affected_is_not_patched_and_not_unaffected()
    {
        // actionpack CVE-2009-3009: unaffected < 2.0.0, patched ~> 2.2.3 and >= 2.3.4.
        var constraints = new VersionConstraints
        {
            Syntax = ConstraintSyntax.RubyGems,
            Patched = ["~> 2.2.3", ">= 2.3.4"],
            Unaffected = ["< 2.0.0"],
        };
        Assert.False(ConstraintEvaluator.Affects("1.2.6", constraints, RubyGemsVersionComparer.Instance));
        Assert.True(ConstraintEvaluator.Affects("2.0.0", constraints, RubyGemsVersionComparer.Instance));
        Assert.True(ConstraintEvaluator.Affects("2.2.2", constraints, RubyGemsVersionComparer.Instance));
        Assert.False(ConstraintEvaluator.Affects("2.2.3", constraints, RubyGemsVersionComparer.Instance));
        Assert.True(ConstraintEvaluator.Affects("2.3.2", constraints, RubyGemsVersionComparer.Instance));
        Assert.False(ConstraintEvaluator.Affects("2.3.4", constraints, RubyGemsVersionComparer.Instance));
        Assert.False(ConstraintEvaluator.Affects("7.0.0", constraints, RubyGemsVersionComparer.Instance));
    }

    [Fact]
    public void No_requirements_means_every_version()
    {
        var constraints = new VersionConstraints { Syntax = ConstraintSyntax.RubyGems };
        Assert.True(ConstraintEvaluator.Affects("0.0.1", constraints, RubyGemsVersionComparer.Instance));
    }

    [Theory]
    [InlineData("<=1.0.0", "1.0.0", true)]
    [InlineData("<=1.0.0", "1.0.1", false)]
    [InlineData("<=1.0.0", "1.0.0-beta", true)]
    [InlineData(">= 1.5.2", "1.5.2", true)]
    [InlineData("<0.2.2 || >=0.3.0 <0.3.2", "0.2.1", true)]
    [InlineData("<0.2.2 || >=0.3.0 <0.3.2", "0.2.5", false)]
    [InlineData("<0.2.2 || >=0.3.0 <0.3.2", "0.3.1", true)]
    [InlineData("<0.2.2 || >=0.3.0 <0.3.2", "0.3.2", false)]
    [InlineData("~0.2.2 || >=0.3.2", "0.2.9", true)]
    [InlineData("~0.2.2 || >=0.3.2", "0.3.0", false)]
    [InlineData("^1.1.7 || >= 2.0.1", "1.9.0", true)]
    [InlineData("^1.1.7 || >= 2.0.1", "2.0.0", false)]
    [InlineData("^1.1.7 || >= 2.0.1", "2.0.0-rc.1", false)]
    [InlineData("^0.2.3", "0.2.9", true)]
    [InlineData("^0.2.3", "0.3.0", false)]
    [InlineData("^0.0.3", "0.0.4", false)]
    [InlineData("8.x || 7.x", "8.1.3", true)]
    [InlineData("8.x || 7.x", "9.0.0", false)]
    [InlineData("8.x || 7.x", "9.0.0-pre", false)]
    [InlineData("^8.1.4 || ^7.10.1", "8.1.4", true)]
    [InlineData("^8.1.4 || ^7.10.1", "7.10.0", false)]
    [InlineData("1.2.3 - 2.3", "2.3.9", true)]
    [InlineData("1.2.3 - 2.3", "2.4.0", false)]
    [InlineData("1.2.3 - 2.3", "1.2.2", false)]
    [InlineData("*", "0.0.1", true)]
    [InlineData("", "3.0.0", true)]
    [InlineData("<1.2", "1.2.0-alpha", false)]
    [InlineData(">1.2", "1.2.9", false)]
    [InlineData(">1.2", "1.3.0", true)]
    [InlineData("=v1.2.3", "1.2.3", true)]
    [InlineData("1.2.3", "1.2.4", false)]
    [InlineData("~>1.2.3", "1.2.9", true)]
    public void Npm_ranges(string range, string version, bool expected) =>
        Assert.Equal(expected, ConstraintEvaluator.Satisfies(version, ConstraintSyntax.Npm, range, SemVerComparer.Instance));

    [Theory]
    [InlineData("abc")]
    [InlineData(">=1.0.0 garbage")]
    [InlineData("1.2.3.4.5")]
    public void Npm_ranges_that_do_not_parse(string range) => Assert.Null(ConstraintEvaluator.Parse(ConstraintSyntax.Npm, range));

    [Fact]
    public void Npm_affected_is_vulnerable_minus_patched()
    {
        // node.extend (npm 490): vulnerable "<2.0.1 || <1.1.7", patched "^1.1.7 || >= 2.0.1".
        var constraints = new VersionConstraints { Syntax = ConstraintSyntax.Npm, Vulnerable = "<2.0.1 || <1.1.7", Patched = ["^1.1.7 || >= 2.0.1"] };
        Assert.True(ConstraintEvaluator.Affects("1.1.6", constraints, SemVerComparer.Instance));
        Assert.False(ConstraintEvaluator.Affects("1.1.7", constraints, SemVerComparer.Instance));
        Assert.False(ConstraintEvaluator.Affects("2.0.1", constraints, SemVerComparer.Instance));
    }
}
