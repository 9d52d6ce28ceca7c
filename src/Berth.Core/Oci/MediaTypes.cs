namespace Berth.Core.Oci;

/// <summary>Manifest media types Berth accepts, and helpers to classify them.</summary>
public static class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    public static IReadOnlyList<string> Manifests { get; } = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or OciIndex or DockerManifest or DockerManifestList;

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
}
