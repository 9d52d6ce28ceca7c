using Berth.Api.Oci;
using Berth.Core.Oci;

namespace Berth.Core.Tests.Api;

public sealed class ManifestAcceptTests
{
    private const string Oci = MediaTypes.OciManifest;

    [Theory]
    [InlineData(null, Oci)]
    [InlineData("", Oci)]
    [InlineData("   ", Oci)]
    [InlineData(Oci, Oci)]
    [InlineData("APPLICATION/VND.OCI.IMAGE.MANIFEST.V1+JSON", Oci)]
    [InlineData("*/*", Oci)]
    [InlineData("application/*", Oci)]
    [InlineData("text/html, */*;q=0.1", Oci)]
    [InlineData("application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json;q=0.9", Oci)]
    [InlineData("application/vnd.docker.distribution.manifest.v2+json,application/vnd.oci.image.manifest.v1+json", Oci)]
    [InlineData(" application/vnd.oci.image.manifest.v1+json ; q=1 ", Oci)]
    [InlineData("application/vnd.docker.distribution.manifest.list.v2+json", MediaTypes.DockerManifestList)]
    public void Accepts_absent_wildcard_and_listed_types(string? accept, string mediaType) =>
        Assert.True(ManifestHandlers.Accepts(accept, mediaType));

    [Theory]
    [InlineData(MediaTypes.DockerManifest, Oci)]
    [InlineData(MediaTypes.OciIndex, Oci)]
    [InlineData("application/json", Oci)]
    [InlineData("text/*", Oci)]
    [InlineData("application/vnd.oci.image.manifest.v1", Oci)]
    [InlineData("application/vnd.oci.image.manifest.v1+json-x", Oci)]
    [InlineData("application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json", Oci)]
    [InlineData(",", Oci)]
    [InlineData("application/vnd.oci.image.manifest.v1+json;q=0", Oci)]
    [InlineData("*/*;q=0.0, application/vnd.docker.distribution.manifest.v2+json", Oci)]
    public void Refuses_types_the_header_does_not_list(string accept, string mediaType) =>
        Assert.False(ManifestHandlers.Accepts(accept, mediaType));
}
