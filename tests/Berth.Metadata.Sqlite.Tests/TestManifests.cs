using System.Text;
using Berth.Core.Metadata;
using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

/// <summary>Builds manifest writes directly (no JSON parsing): the store only needs the parsed form and some bytes.</summary>
internal static class TestManifests
{
    public static ManifestWrite Image(
        Descriptor config,
        IEnumerable<Descriptor> layers,
        string? tag = null,
        Descriptor? subject = null,
        string? artifactType = null,
        string? annotations = null,
        DateTimeOffset? at = null,
        string salt = "")
    {
        var layerList = layers.ToList();
        var text = $"{{\"config\":\"{config.Digest}\",\"layers\":[{string.Join(',', layerList.Select(l => $"\"{l.Digest}\""))}],\"subject\":\"{subject?.Digest}\",\"salt\":\"{salt}\"}}";
        var content = Encoding.UTF8.GetBytes(text);
        var parsed = new ParsedManifest(MediaTypes.OciManifest, artifactType, config, layerList, [], subject, annotations);
        return new ManifestWrite(Digest.Compute(content), parsed, content, tag, at ?? TestDatabase.T0);
    }

    public static ManifestWrite Index(IEnumerable<Descriptor> children, string? tag = null, DateTimeOffset? at = null, string salt = "")
    {
        var list = children.ToList();
        var content = Encoding.UTF8.GetBytes($"{{\"manifests\":[{string.Join(',', list.Select(c => $"\"{c.Digest}\""))}],\"salt\":\"{salt}\"}}");
        var parsed = new ParsedManifest(MediaTypes.OciIndex, null, null, [], list, null, null);
        return new ManifestWrite(Digest.Compute(content), parsed, content, tag, at ?? TestDatabase.T0);
    }

    public static Descriptor Describe(this ManifestWrite write) => new(write.Parsed.MediaType, write.Digest, write.Content.LongLength);

    public static Digest RandomDigest() => Digest.Compute(Guid.NewGuid().ToByteArray());

    public static Descriptor Missing(long size = 10) => new("application/octet-stream", RandomDigest(), size);

    public static ManifestWrite WithTag(this ManifestWrite write, string? tag, DateTimeOffset? at = null) =>
        write with { Tag = tag, At = at ?? write.At };
}
