using Berth.Core.Errors;
using Berth.Core.Oci;
using Berth.Core.Registry;

namespace Berth.Core.Tests.Registry;

public sealed class ManifestReferenceTests
{
    private const string Sha256 = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [Theory]
    [InlineData("latest")]
    [InlineData("v1.2.3")]
    [InlineData("_")]
    [InlineData("sha256-e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    public void A_tag_is_a_tag(string reference)
    {
        var r = ManifestReference.Parse(reference);

        Assert.Equal(reference, r.Tag);
        Assert.Null(r.Digest);
        Assert.Equal(reference, r.ToString());
    }

    [Fact]
    public void A_digest_is_a_digest()
    {
        var r = ManifestReference.Parse(Sha256);

        Assert.Null(r.Tag);
        Assert.Equal(Digest.Parse(Sha256), r.Digest);
        Assert.Equal(Sha256, r.ToString());
    }

    [Theory]
    [InlineData("sha256:abc")]
    [InlineData("SHA256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    [InlineData("md5:d41d8cd98f00b204e9800998ecf8427e")]
    [InlineData(":latest")]
    [InlineData("latest:")]
    [InlineData("sha256:../../etc/passwd")]
    public void Anything_with_a_colon_must_be_a_supported_digest(string reference)
    {
        var e = Assert.Throws<OciException>(() => ManifestReference.Parse(reference));
        Assert.Same(ErrorCodes.DigestInvalid, e.Error.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("-dash")]
    [InlineData("a/b")]
    [InlineData("a b")]
    [InlineData("ä")]
    public void An_invalid_tag_is_MANIFEST_INVALID(string reference)
    {
        var e = Assert.Throws<OciException>(() => ManifestReference.Parse(reference));
        Assert.Same(ErrorCodes.ManifestInvalid, e.Error.Code);
    }

    [Fact]
    public void Tags_over_128_characters_are_refused_and_the_echo_is_cut()
    {
        Assert.Equal(new string('a', 128), ManifestReference.Parse(new string('a', 128)).Tag);

        var e = Assert.Throws<OciException>(() => ManifestReference.Parse(new string('a', 10_000)));

        Assert.Same(ErrorCodes.ManifestInvalid, e.Error.Code);
        Assert.True(e.Error.Message.Length < 400, "a huge reference is not echoed back whole");
    }
}
