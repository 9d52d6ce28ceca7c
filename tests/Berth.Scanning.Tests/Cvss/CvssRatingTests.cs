using Berth.Scanning.Cvss;

namespace Berth.Scanning.Tests.Cvss;

public sealed class CvssRatingTests
{
    [Theory]
    [InlineData(0.0, CvssSeverity.None)]
    [InlineData(0.1, CvssSeverity.Low)]
    [InlineData(3.9, CvssSeverity.Low)]
    [InlineData(3.95, CvssSeverity.Low)]
    [InlineData(4.0, CvssSeverity.Medium)]
    [InlineData(6.9, CvssSeverity.Medium)]
    [InlineData(7.0, CvssSeverity.High)]
    [InlineData(8.9, CvssSeverity.High)]
    [InlineData(9.0, CvssSeverity.Critical)]
    [InlineData(10.0, CvssSeverity.Critical)]
    public void Scores_map_to_the_qualitative_scale(double score, CvssSeverity expected)
    {
        Assert.Equal(expected, CvssRating.FromScore(score));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(10.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Scores_outside_the_scale_throw(double score)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CvssRating.FromScore(score));
    }

    [Fact]
    public void Severities_order_by_severity()
    {
        Assert.True(CvssSeverity.None < CvssSeverity.Low);
        Assert.True(CvssSeverity.Low < CvssSeverity.Medium);
        Assert.True(CvssSeverity.Medium < CvssSeverity.High);
        Assert.True(CvssSeverity.High < CvssSeverity.Critical);
    }
}
