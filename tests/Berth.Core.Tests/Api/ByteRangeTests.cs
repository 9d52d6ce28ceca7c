using Berth.Api.Oci;

namespace Berth.Core.Tests.Api;

public sealed class ByteRangeTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("items=0-5")]
    [InlineData("bytes 0-5")]
    [InlineData("bytes=0-1,4-5")]
    [InlineData("bytes=0-1, -2")]
    public void Absent_foreign_unit_or_multi_range_headers_serve_the_whole_blob(string? header)
    {
        Assert.True(ByteRange.TryResolve(header, 10, out var range));
        Assert.Null(range);
    }

    [Theory]
    [InlineData("bytes=0-4", 10, 0, 5)]
    [InlineData("bytes=0-0", 10, 0, 1)]
    [InlineData("bytes=9-9", 10, 9, 1)]
    [InlineData("bytes=3-", 10, 3, 7)]
    [InlineData("bytes=0-", 10, 0, 10)]
    [InlineData("bytes=0-100", 10, 0, 10)]
    [InlineData("bytes=5-9", 10, 5, 5)]
    [InlineData("bytes=-3", 10, 7, 3)]
    [InlineData("bytes=-10", 10, 0, 10)]
    [InlineData("bytes=-20", 10, 0, 10)]
    [InlineData("BYTES=1-2", 10, 1, 2)]
    [InlineData("bytes= 1-2 ", 10, 1, 2)]
    [InlineData("bytes=0-99999999999999999999", 10, 0, 10)]
    [InlineData("bytes=-99999999999999999999", 10, 0, 10)]
    public void Satisfiable_single_ranges_resolve_against_the_size(string header, long size, long start, long length)
    {
        Assert.True(ByteRange.TryResolve(header, size, out var range));
        Assert.Equal(new ByteRange(start, length), range);
        Assert.Equal(start + length - 1, range!.Value.End);
    }

    [Theory]
    [InlineData("bytes=10-", 10)]
    [InlineData("bytes=10-20", 10)]
    [InlineData("bytes=99999999999999999999-", 10)]
    [InlineData("bytes=-0", 10)]
    [InlineData("bytes=0-0", 0)]
    [InlineData("bytes=0-", 0)]
    [InlineData("bytes=-5", 0)]
    public void Unsatisfiable_ranges_are_refused(string header, long size)
    {
        Assert.False(ByteRange.TryResolve(header, size, out var range));
        Assert.Null(range);
    }

    [Theory]
    [InlineData("bytes=5-2")]
    [InlineData("bytes=abc")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=")]
    [InlineData("bytes=-")]
    [InlineData("bytes=--1")]
    [InlineData("bytes=+1-2")]
    [InlineData("bytes=1-+2")]
    [InlineData("bytes=0x1-2")]
    public void Invalid_range_specs_are_rejected_which_RFC_9110_allows(string header)
    {
        Assert.False(ByteRange.TryResolve(header, 10, out var range));
        Assert.Null(range);
    }
}
