using Berth.Core.Errors;
using Berth.Core.Oci;

namespace Berth.Core.Registry;

/// <summary>The reference part of a manifest URL: a tag or a digest.</summary>
public readonly record struct ManifestReference(string? Tag, Digest? Digest)
{
    public static ManifestReference Parse(string reference)
    {
        if (Oci.Digest.LooksLikeDigest(reference))
        {
            return Oci.Digest.TryParse(reference, out var d)
                ? new ManifestReference(null, d)
                : throw new OciException(ErrorCodes.DigestInvalid, $"invalid or unsupported digest '{Cut(reference)}'");
        }

        return Names.IsValidTag(reference)
            ? new ManifestReference(reference, null)
            : throw new OciException(ErrorCodes.ManifestInvalid, $"invalid tag '{Cut(reference)}': tags match [a-zA-Z0-9_][a-zA-Z0-9._-]{{0,127}}");
    }

    public override string ToString() => Tag ?? Digest.ToString()!;

    private static string Cut(string s) => s.Length > 200 ? s[..200] + "…" : s;
}
