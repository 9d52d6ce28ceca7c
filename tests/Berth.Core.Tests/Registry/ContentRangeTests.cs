using Berth.Core.Registry;

namespace Berth.Core.Tests.Registry;

public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("0-99", 0, 99)]
    [InlineData("0-0", 0, 0)]
    [InlineData("100-199", 100, 199)]
    [InlineData("bytes 0-99/100", 0, 99)]
    [InlineData("bytes=0-99", 0, 99)]
    [InlineData("Bytes 5-5/*", 5, 5)]
    [InlineData("0-99/*", 0, 99)]
    [InlineData(" 3-7 ", 3, 7)]
    [InlineData("0-9223372036854775806", 0, 9223372036854775806)]
    public void Parses_inclusive_start_end(string header, long start, long end)
    {
        Assert.True(ContentRange.TryParse(header, out var range));
        Assert.Equal(new ContentRange(start, end), range);
        Assert.Equal(end - start + 1, range.Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("bytes")]
    [InlineData("-5")]
    [InlineData("5-")]
    [InlineData("5")]
    [InlineData("5-4")]
    [InlineData("a-b")]
    [InlineData("0--1")]
    [InlineData("+1-2")]
    [InlineData("1-+2")]
    [InlineData("1-2-3")]
    [InlineData("0 - 5")]
    [InlineData("0x10-0x20")]
    [InlineData("99999999999999999999-99999999999999999999")]
    [InlineData("items 0-5")]
    public void Rejects_malformed_ranges(string? header)
    {
        Assert.False(ContentRange.TryParse(header, out var range));
        Assert.Equal(default, range);
    }
}
