using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Scanning.Pipeline;

/// <summary>
/// Which manifests have a filesystem to scan: image manifests with an image config, and indexes of them. Artifacts
/// (SBOMs, signatures, Helm charts) and anything with a subject are not scanned, quarantined or gated.
/// </summary>
public static class Scannable
{
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";

    public static bool Is(ManifestRecord manifest)
    {
        ParsedManifest parsed;
        try
        {
            parsed = ManifestParser.Parse(manifest.Content, manifest.MediaType);
        }
        catch (OciException)
        {
            return false;
        }

        if (parsed.Subject is not null || parsed.ArtifactType is not null)
        {
            return false;
        }

        return parsed.IsIndex || parsed.Config?.MediaType is OciImageConfig or DockerImageConfig;
    }
}
