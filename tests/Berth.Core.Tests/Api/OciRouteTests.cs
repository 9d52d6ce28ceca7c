using Berth.Api.Oci;

namespace Berth.Core.Tests.Api;

public sealed class OciRouteTests
{
    private const string D = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string Id = "0f8fad5bd9cb469fa16570867728950e";

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    public void Empty_path_is_the_base_endpoint(string? path) =>
        Assert.Equal(new OciRoute(OciRouteKind.Base, "", ""), OciRoute.Parse(path));

    [Theory]
    [InlineData("_catalog")]
    [InlineData("/_catalog")]
    [InlineData("_catalog/")]
    public void Catalog(string path) => Assert.Equal(new OciRoute(OciRouteKind.Catalog, "", ""), OciRoute.Parse(path));

    [Theory]
    [InlineData("ubuntu/tags/list", OciRouteKind.Tags, "ubuntu", "")]
    [InlineData("/library/ubuntu/tags/list", OciRouteKind.Tags, "library/ubuntu", "")]
    [InlineData("a/manifests/latest", OciRouteKind.Manifest, "a", "latest")]
    [InlineData("a/b/c/manifests/" + D, OciRouteKind.Manifest, "a/b/c", D)]
    [InlineData("a/blobs/" + D, OciRouteKind.Blob, "a", D)]
    [InlineData("org/team/app/blobs/" + D, OciRouteKind.Blob, "org/team/app", D)]
    [InlineData("a/blobs/uploads/", OciRouteKind.UploadStart, "a", "")]
    [InlineData("a/blobs/uploads", OciRouteKind.UploadStart, "a", "")]
    [InlineData("org/app/blobs/uploads/", OciRouteKind.UploadStart, "org/app", "")]
    [InlineData("a/blobs/uploads/" + Id, OciRouteKind.Upload, "a", Id)]
    [InlineData("org/app/blobs/uploads/" + Id, OciRouteKind.Upload, "org/app", Id)]
    [InlineData("a/referrers/" + D, OciRouteKind.Referrers, "a", D)]
    [InlineData("x/y/referrers/" + D, OciRouteKind.Referrers, "x/y", D)]
    public void Every_endpoint_kind_is_recognised_with_multi_component_names(string path, OciRouteKind kind, string name, string reference) =>
        Assert.Equal(new OciRoute(kind, name, reference), OciRoute.Parse(path));

    [Theory]
    [InlineData("blobs/manifests/latest", OciRouteKind.Manifest, "blobs", "latest")]
    [InlineData("manifests/manifests/latest", OciRouteKind.Manifest, "manifests", "latest")]
    [InlineData("a/manifests/b/manifests/c", OciRouteKind.Manifest, "a/manifests/b", "c")]
    [InlineData("a/tags/list/manifests/v1", OciRouteKind.Manifest, "a/tags/list", "v1")]
    [InlineData("a/blobs/uploads/manifests/v1", OciRouteKind.Manifest, "a/blobs/uploads", "v1")]
    [InlineData("referrers/manifests/v1", OciRouteKind.Manifest, "referrers", "v1")]
    [InlineData("tags/tags/list", OciRouteKind.Tags, "tags", "")]
    [InlineData("list/tags/list", OciRouteKind.Tags, "list", "")]
    [InlineData("a/manifests/v1/tags/list", OciRouteKind.Tags, "a/manifests/v1", "")]
    [InlineData("a/blobs/uploads/tags/list", OciRouteKind.Tags, "a/blobs/uploads", "")]
    [InlineData("blobs/blobs/" + D, OciRouteKind.Blob, "blobs", D)]
    [InlineData("a/blobs/uploads/blobs/" + D, OciRouteKind.Blob, "a/blobs/uploads", D)]
    [InlineData("uploads/blobs/" + D, OciRouteKind.Blob, "uploads", D)]
    [InlineData("uploads/blobs/uploads/", OciRouteKind.UploadStart, "uploads", "")]
    [InlineData("blobs/blobs/uploads/", OciRouteKind.UploadStart, "blobs", "")]
    [InlineData("a/blobs/uploads/blobs/uploads", OciRouteKind.UploadStart, "a/blobs/uploads", "")]
    [InlineData("blobs/blobs/uploads/" + Id, OciRouteKind.Upload, "blobs", Id)]
    [InlineData("a/uploads/blobs/uploads/" + Id, OciRouteKind.Upload, "a/uploads", Id)]
    [InlineData("a/blobs/uploads/blobs/uploads/" + Id, OciRouteKind.Upload, "a/blobs/uploads", Id)]
    [InlineData("referrers/referrers/" + D, OciRouteKind.Referrers, "referrers", D)]
    [InlineData("a/referrers/x/referrers/" + D, OciRouteKind.Referrers, "a/referrers/x", D)]
    [InlineData("_catalog/tags/list", OciRouteKind.Tags, "_catalog", "")]
    public void Names_may_contain_the_endpoint_words_as_components(string path, OciRouteKind kind, string name, string reference) =>
        Assert.Equal(new OciRoute(kind, name, reference), OciRoute.Parse(path));

    [Theory]
    [InlineData("A/manifests/x", "A", "x")]
    [InlineData("a//b/manifests/x", "a//b", "x")]
    [InlineData("a/manifests/..", "a", "..")]
    [InlineData("a/manifests/not a tag", "a", "not a tag")]
    public void Names_and_references_are_passed_through_unvalidated(string path, string name, string reference) =>
        Assert.Equal(new OciRoute(OciRouteKind.Manifest, name, reference), OciRoute.Parse(path));

    [Theory]
    [InlineData("a")]
    [InlineData("a/b")]
    [InlineData("//")]
    [InlineData("a/manifests")]
    [InlineData("a/manifests/")]
    [InlineData("a/manifests/latest/")]
    [InlineData("a/blobs/" + D + "/")]
    [InlineData("a/referrers/")]
    [InlineData("a/blobs/uploads/" + Id + "/")]
    [InlineData("a/tags")]
    [InlineData("a/tags/")]
    [InlineData("a/tags/list/")]
    [InlineData("a/tags/all")]
    [InlineData("manifests/latest")]
    [InlineData("/manifests/latest")]
    [InlineData("blobs/" + D)]
    [InlineData("tags/list")]
    [InlineData("/tags/list")]
    [InlineData("blobs/uploads/")]
    [InlineData("blobs/uploads/" + Id)]
    [InlineData("a/uploads/" + Id)]
    [InlineData("a/unknown/x")]
    [InlineData("a/blob/" + D)]
    [InlineData("a/Manifests/latest")]
    [InlineData("a/MANIFESTS/latest")]
    [InlineData("_catalog/x")]
    [InlineData("_catalogue")]
    public void Anything_else_is_Unknown(string path)
    {
        var route = OciRoute.Parse(path);

        Assert.Equal(OciRouteKind.Unknown, route.Kind);
        Assert.Equal(default, route);
    }
}
