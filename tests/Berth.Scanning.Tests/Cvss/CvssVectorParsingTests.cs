using Berth.Scanning.Cvss;

namespace Berth.Scanning.Tests.Cvss;

public sealed class CvssVectorParsingTests
{
    private const string Base31 = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    private const string Base40 = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("CVSS:3.1", "no metrics after its CVSS:3.1/ prefix")]
    [InlineData("CVSS:4.0/", "no metrics after its CVSS:4.0/ prefix")]
    [InlineData("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P", "Unsupported CVSS version prefix 'CVSS:2.0'")]
    [InlineData("CVSS:3.2/AV:N", "Unsupported CVSS version prefix 'CVSS:3.2'")]
    [InlineData("AV:N/AC:L/Au:N/C:P/I:P/A:P", "CVSS v2 vectors are not supported")]
    [InlineData("AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "no CVSS:x.y/ prefix")]
    [InlineData("cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "does not start with CVSS:3.0/, CVSS:3.1/ or CVSS:4.0/")]
    [InlineData(" CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "does not start with")]
    [InlineData("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "Missing mandatory base metric A for CVSS 3.1")]
    [InlineData("CVSS:3.0/AV:N/UI:N/S:U/C:H/I:H/A:H", "Missing mandatory base metrics AC, PR for CVSS 3.0")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H", "Missing mandatory base metrics SC, SI, SA for CVSS 4.0")]
    [InlineData("CVSS:3.1/E:F/RL:O", "Missing mandatory base metrics AV, AC, PR, UI, S, C, I, A")]
    [InlineData(Base31 + "/AV:L", "Duplicate metric AV at position 9")]
    [InlineData(Base31 + "/E:X/E:X", "Duplicate metric E at position 10")]
    [InlineData(Base31 + "/FOO:1", "Unknown metric 'FOO' for CVSS 3.1")]
    [InlineData(Base31 + "/AT:N", "Unknown metric 'AT' for CVSS 3.1")]
    [InlineData(Base40 + "/RL:O", "Unknown metric 'RL' for CVSS 4.0")]
    [InlineData(Base40 + "/av:N", "Unknown metric 'av' for CVSS 4.0")]
    [InlineData("CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Invalid value 'X' for metric AV in CVSS 3.1; expected one of N, A, L, P")]
    [InlineData("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Invalid value 'n' for metric AV")]
    [InlineData(Base31 + "/E:A", "Invalid value 'A' for metric E in CVSS 3.1; expected one of X, U, P, F, H")]
    [InlineData(Base40 + "/E:F", "Invalid value 'F' for metric E in CVSS 4.0; expected one of X, A, P, U")]
    [InlineData(Base40 + "/U:clear", "Invalid value 'clear' for metric U")]
    [InlineData("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N", "Invalid value 'S' for metric SI")]
    [InlineData(Base40 + "/MSC:S", "Invalid value 'S' for metric MSC")]
    [InlineData(Base31 + "/", "Empty metric at position 9")]
    [InlineData("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Empty metric at position 2")]
    [InlineData("CVSS:3.1/AV/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Malformed metric 'AV' at position 1; expected NAME:VALUE")]
    [InlineData("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Malformed metric 'AV:'")]
    [InlineData("CVSS:3.1/:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Malformed metric ':N'")]
    [InlineData("CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Malformed metric 'AV:N:L'")]
    [InlineData("CVSS:3.1/AV:N AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "Malformed metric 'AV:N AC:L'")]
    [InlineData(Base31 + " ", "Invalid value 'H ' for metric A")]
    public void Invalid_vectors_are_rejected_with_a_clear_error(string? text, string expected)
    {
        Assert.False(CvssVector.TryParse(text, out var vector, out var error));
        Assert.Null(vector);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Overlong_input_is_rejected_before_parsing()
    {
        var text = Base31 + string.Concat(Enumerable.Repeat("/E:X", 200));
        Assert.False(CvssVector.TryParse(text, out _, out var error));
        Assert.Contains("no valid vector exceeds 512", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_throws_FormatException_with_the_same_message()
    {
        var ex = Assert.Throws<FormatException>(() => CvssVector.Parse(Base31 + "/AV:L"));
        Assert.Equal("Duplicate metric AV at position 9.", ex.Message);
    }

    [Theory]
    [InlineData("CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X", CvssVersion.V30)]
    [InlineData("CVSS:3.1/A:H/I:H/C:H/S:U/UI:N/PR:N/AC:L/AV:N", CvssVersion.V31)]
    [InlineData("CVSS:4.0/SA:N/SI:N/SC:N/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N", CvssVersion.V40)]
    public void Metrics_may_appear_in_any_order(string text, CvssVersion version)
    {
        Assert.True(CvssVector.TryParse(text, out var vector, out var error), error);
        Assert.Equal(version, vector.Version);
        Assert.Equal(text, vector.ToString());
    }

    [Fact]
    public void Every_metric_and_value_of_each_version_is_accepted()
    {
        var full31 = Base31 + "/E:H/RL:U/RC:C/CR:H/IR:M/AR:L/MAV:P/MAC:H/MPR:H/MUI:R/MS:C/MC:N/MI:L/MA:H";
        var full40 = Base40 + "/E:U/CR:L/IR:M/AR:H/MAV:P/MAC:H/MAT:P/MPR:H/MUI:A/MVC:N/MVI:L/MVA:H/MSC:N/MSI:S/MSA:S"
            + "/S:P/AU:Y/R:I/V:C/RE:H/U:Amber";
        Assert.True(CvssVector.TryParse(full31, out _, out var error31), error31);
        Assert.True(CvssVector.TryParse(full40, out _, out var error40), error40);
        foreach (var color in new[] { "X", "Clear", "Green", "Amber", "Red" })
        {
            Assert.True(CvssVector.TryParse(Base40 + "/U:" + color, out _, out var error), error);
        }
    }

    [Fact]
    public void GetMetric_returns_values_as_written_and_null_when_absent()
    {
        var vector = CvssVector.Parse(Base40 + "/E:X/MSI:S/U:Red");
        Assert.Equal("N", vector.GetMetric("AV"));
        Assert.Equal("X", vector.GetMetric("E"));
        Assert.Equal("S", vector.GetMetric("MSI"));
        Assert.Equal("Red", vector.GetMetric("U"));
        Assert.Null(vector.GetMetric("CR"));
        Assert.Null(vector.GetMetric("RL"));
        Assert.Null(vector.GetMetric("av"));
    }
}
