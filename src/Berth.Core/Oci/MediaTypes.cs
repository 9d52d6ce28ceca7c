using System.Text.RegularExpressions;

namespace Berth.Core.Oci;

/// <summary>Manifest media types Berth accepts, and helpers to classify them.</summary>
public static partial class MediaTypes
{
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    public static IReadOnlyList<string> Manifests { get; } = [OciManifest, OciIndex, DockerManifest, DockerManifestList];

    public static bool IsManifest(string? mediaType) => mediaType is OciManifest or OciIndex or DockerManifest or DockerManifestList;

    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary><c>type/subtype</c> per RFC 6838, as the image-spec's descriptor schema defines it (no parameters).</summary>
    public static bool IsWellFormed(string? mediaType) => mediaType is not null && WellFormedRegex().IsMatch(mediaType);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\z", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormedRegex();
}
