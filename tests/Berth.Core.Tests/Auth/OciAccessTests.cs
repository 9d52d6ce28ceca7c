using Berth.Api.Oci;
using Berth.Core.Identity;

namespace Berth.Core.Tests.Auth;

/// <summary>Every OCI route and method maps to the repository action RepositoryAction's contract names.</summary>
public sealed class OciAccessTests
{
    [Theory]
    [InlineData(OciRouteKind.Manifest, "GET", RepositoryAction.ContentRead, "pull")]
    [InlineData(OciRouteKind.Manifest, "HEAD", RepositoryAction.ContentRead, "pull")]
    [InlineData(OciRouteKind.Manifest, "PUT", RepositoryAction.ContentWrite, "push,pull")]
    [InlineData(OciRouteKind.Manifest, "DELETE", RepositoryAction.ContentDelete, "delete")]
    [InlineData(OciRouteKind.Blob, "GET", RepositoryAction.ContentRead, "pull")]
    [InlineData(OciRouteKind.Blob, "HEAD", RepositoryAction.ContentRead, "pull")]
    [InlineData(OciRouteKind.Blob, "DELETE", RepositoryAction.ContentDelete, "delete")]
    [InlineData(OciRouteKind.UploadStart, "POST", RepositoryAction.ContentWrite, "push,pull")]
    [InlineData(OciRouteKind.Upload, "GET", RepositoryAction.ContentWrite, "push,pull")]
    [InlineData(OciRouteKind.Upload, "PATCH", RepositoryAction.ContentWrite, "push,pull")]
    [InlineData(OciRouteKind.Upload, "PUT", RepositoryAction.ContentWrite, "push,pull")]
    [InlineData(OciRouteKind.Upload, "DELETE", RepositoryAction.ContentWrite, "push,pull")]
    [InlineData(OciRouteKind.Tags, "GET", RepositoryAction.MetadataRead, "pull")]
    [InlineData(OciRouteKind.Referrers, "GET", RepositoryAction.MetadataRead, "pull")]
    public void Repository_routes_need_their_action(OciRouteKind kind, string method, RepositoryAction action, string challenge)
    {
        var need = OciAccess.For(kind, method);
        Assert.True(need.IsRepository);
        Assert.Equal(action, need.Action);
        Assert.Equal(challenge, need.ChallengeActions);
    }

    [Fact]
    public void Blob_uploads_are_blob_writes_and_manifest_puts_start_as_ordinary_writes()
    {
        Assert.Equal(AccessPolicy.WriteKind.Blob, OciAccess.For(OciRouteKind.UploadStart, "POST").Write);
        Assert.Equal(AccessPolicy.WriteKind.Blob, OciAccess.For(OciRouteKind.Upload, "PUT").Write);
        Assert.Equal(AccessPolicy.WriteKind.Ordinary, OciAccess.For(OciRouteKind.Manifest, "PUT").Write);
    }

    [Theory]
    [InlineData(OciRouteKind.Base, "GET")]
    [InlineData(OciRouteKind.Catalog, "GET")]
    [InlineData(OciRouteKind.Unknown, "GET")]
    [InlineData(OciRouteKind.Manifest, "POST")]
    [InlineData(OciRouteKind.Blob, "PUT")]
    [InlineData(OciRouteKind.Tags, "DELETE")]
    public void Registry_routes_and_unsupported_methods_address_no_repository(OciRouteKind kind, string method)
    {
        var need = OciAccess.For(kind, method);
        Assert.False(need.IsRepository);
        Assert.Equal(RepositoryAction.None, need.Action);
    }
}
