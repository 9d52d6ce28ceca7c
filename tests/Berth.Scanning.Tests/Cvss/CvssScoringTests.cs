using Berth.Scanning.Cvss;

namespace Berth.Scanning.Tests.Cvss;

/// <summary>Hand-picked vectors that pin the behaviours the reference files do not isolate.</summary>
public sealed class CvssScoringTests
{
    [Fact]
    public void Base_only_v31_vector_scores_and_rates_by_its_base_score()
    {
        var vector = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
        Assert.Equal(9.8, vector.BaseScore);
        Assert.Equal(9.8, vector.TemporalScore);
        Assert.Equal(9.8, vector.EnvironmentalScore);
        Assert.Equal(9.8, vector.Score);
        Assert.Equal(CvssSeverity.Critical, vector.Severity);
        Assert.Equal("CVSS-B", vector.Nomenclature);
    }

    [Theory]
    [InlineData("CVSS:3.0")]
    [InlineData("CVSS:3.1")]
    public void Round_up_acts_on_exact_values_not_binary_approximations(string prefix)
    {
        // 10.0 × 0.92 is 9.2 exactly, but 9.200000000000001 in binary: a naive ceiling gives 9.3.
        var vector = CvssVector.Parse(prefix + "/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U");
        Assert.Equal(10.0, vector.BaseScore);
        Assert.Equal(9.2, vector.TemporalScore);
        Assert.Equal(9.2, vector.Score);
        Assert.Equal("CVSS-BT", vector.Nomenclature);
    }

    [Fact]
    public void Changed_scope_modified_impact_differs_between_v30_and_v31()
    {
        // v3.1 §7.3 changed the modified impact for MS:C: 3.25 × (MISS × 0.9731 − 0.02)^13.
        var v30 = CvssVector.Parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
        var v31 = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
        Assert.Equal(9.6, v30.EnvironmentalScore);
        Assert.Equal(9.7, v31.EnvironmentalScore);

        // Without environmental metrics the overall score stays the base score.
        Assert.Equal(9.6, v31.BaseScore);
        Assert.Equal(9.6, v31.Score);
    }

    [Fact]
    public void V3_score_is_environmental_once_an_environmental_metric_is_defined()
    {
        var vector = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/CR:L/IR:L/AR:L");
        Assert.Equal(9.8, vector.BaseScore);
        Assert.Equal(9.0, vector.TemporalScore);
        Assert.Equal(vector.EnvironmentalScore, vector.Score);
        Assert.True(vector.Score < vector.TemporalScore);
        Assert.Equal("CVSS-BTE", vector.Nomenclature);

        // Explicit X is "not defined": the score stays the base score.
        var undefined = CvssVector.Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/CR:X/MAV:X");
        Assert.Equal(9.8, undefined.Score);
        Assert.Equal("CVSS-B", undefined.Nomenclature);
    }

    [Theory]
    [InlineData("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:N/A:N")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N")]
    public void No_impact_scores_zero_and_rates_none(string text)
    {
        var vector = CvssVector.Parse(text);
        Assert.Equal(0.0, vector.BaseScore);
        Assert.Equal(0.0, vector.Score);
        Assert.Equal(CvssSeverity.None, vector.Severity);
    }

    [Fact]
    public void V4_highest_vector_scores_ten()
    {
        var vector = CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H");
        Assert.Equal(10.0, vector.Score);
        Assert.Null(vector.TemporalScore);
        Assert.Null(vector.EnvironmentalScore);
    }

    [Fact]
    public void V4_base_score_ignores_threat_and_environmental_metrics()
    {
        var vector = CvssVector.Parse("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U");
        Assert.Equal(7.3, vector.BaseScore);
        Assert.Equal(4.1, vector.Score);
        Assert.Equal(CvssSeverity.Medium, vector.Severity);
        Assert.Equal("CVSS-BT", vector.Nomenclature);

        var environmental = CvssVector.Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:P");
        Assert.Equal(9.3, environmental.BaseScore);
        Assert.True(environmental.Score < environmental.BaseScore);
        Assert.Equal("CVSS-BE", environmental.Nomenclature);
    }

    [Fact]
    public void V4_supplemental_metrics_and_explicit_X_do_not_change_the_score()
    {
        const string baseVector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N";
        var plain = CvssVector.Parse(baseVector);
        var decorated = CvssVector.Parse(baseVector + "/E:X/CR:X/MAV:X/MSI:X/S:P/AU:Y/R:I/V:C/RE:H/U:Red");
        Assert.Equal(6.9, plain.Score);
        Assert.Equal(plain.Score, decorated.Score);
        Assert.Equal("CVSS-B", decorated.Nomenclature);
    }

    [Fact]
    public void V4_safety_on_the_subsequent_system_raises_the_score()
    {
        const string baseVector = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N";
        Assert.True(CvssVector.Parse(baseVector + "/MSI:S").Score > CvssVector.Parse(baseVector).Score);
    }

    [Theory]
    // Mean distances of exactly x.x5 (113/20, 99/20) come out of binary arithmetic as x.x4999…;
    // the score rounds half up as Red Hat's and FIRST's calculators do since October 2024.
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:P/PR:H/UI:A/VC:N/VI:H/VA:L/SC:N/SI:N/SA:L", 5.7)]
    [InlineData("CVSS:4.0/AV:L/AC:L/AT:P/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H", 5.0)]
    public void V4_exact_halves_round_up(string text, double expected)
    {
        Assert.Equal(expected, CvssVector.Parse(text).Score);
    }
}
