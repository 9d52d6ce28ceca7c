using Berth.Scanning.Versions;

namespace Berth.Scanning.Tests.Versions;

public sealed class ApkVersionComparerTests
{
    private static readonly ApkVersionComparer Apk = ApkVersionComparer.Instance;

    [Fact]
    public void Suffixes_order_around_the_plain_version() =>
        VersionAssert.Increasing(Apk, "1.2_alpha", "1.2_beta", "1.2_pre", "1.2_rc", "1.2", "1.2_cvs", "1.2_svn",
            "1.2_git", "1.2_hg", "1.2_p");

    [Theory]
    [InlineData("1.2.3", "<", "1.2.3-r0")] // a missing revision is older than -r0
    [InlineData("1.2.3-r9", "<", "1.2.3-r10")]
    [InlineData("1.2.3_p1-r0", ">", "1.2.3-r5")]
    [InlineData("1.2a", "<", "1.2.1")] // a letter is older than another number
    [InlineData("1.2", "<", "1.2a")]
    [InlineData("1.2_alpha2", ">", "1.2_alpha")]
    [InlineData("0.1.0_alpha_pre2", "<", "0.1.0_alpha")]
    [InlineData("1.01", "<", "1.1")] // a leading zero makes later numbers compare as strings
    [InlineData("8.2.0", "<", "8.2.001")]
    [InlineData("1.0~1234", "<", "1.0~2345")] // commit hashes compare as strings
    [InlineData("1.0~1234-r1", ">", "1.0~1234-r0")]
    [InlineData("1.2.0A", "<", "1.2.0")] // malformed parts are older than anything well-formed
    [InlineData("1-r0-1", ">", "1-r-2")] // apk-tools 3: a revision beats a malformed token
    public void Orders_like_apk_tools(string a, string op, string b) => VersionAssert.Holds(Apk, a, op, b);

    [Theory]
    [InlineData("6.6.1p1-r0", "<", "6.6.1p2-r0")] // old Alpine versions: digits after the letter
    [InlineData("6.6.2p1", ">", "6.6.2_p1")]
    [InlineData("0..8", ">", "0...8")] // empty numbers read as apk-tools 2 did
    [InlineData("1-r", "=", "1-r0")]
    [InlineData("a", "<", "b")] // no leading digit: an empty number, then the letter
    [InlineData(".1", "<", "1")]
    public void Reads_apk_tools_2_grammar(string a, string op, string b) => VersionAssert.Holds(Apk, a, op, b);

    [Theory]
    [InlineData("1.2.3-r4", true)]
    [InlineData("1.2.3_p1_rc2~abc123-r0", true)]
    [InlineData("6.6.1p1-r0", true)]
    [InlineData("1.2.3-r", false)]
    [InlineData("1.2.3-r1-r2", false)]
    [InlineData("1.2.3_foo", false)]
    [InlineData("1.2.3~xyz", false)]
    [InlineData("1..2", false)]
    [InlineData(".1", false)]
    [InlineData("a", false)]
    [InlineData("", false)]
    public void IsValid_is_apk_tools_3_grammar_with_digits_after_the_letter(string version, bool valid) =>
        Assert.Equal(valid, Apk.IsValid(version));
}
