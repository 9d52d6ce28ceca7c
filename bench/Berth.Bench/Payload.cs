using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Berth.Bench;

/// <summary>Deterministic pseudo-random blob content and the manifests that reference it.</summary>
internal static class Payload
{
    public static byte[] Random(int size, int seed)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(size);
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Digest(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Makes <paramref name="content"/> a new blob (new digest) by stamping <paramref name="variant"/> into its first bytes.</summary>
    public static string Restamp(byte[] content, long variant)
    {
        BinaryPrimitives.WriteInt64LittleEndian(content, variant);
        return Digest(content);
    }

    /// <summary>An OCI image manifest of one config and one layer; <paramref name="unique"/> goes into an annotation.</summary>
    public static byte[] Manifest(Blob config, Blob layer, string unique) => Encoding.UTF8.GetBytes($$$"""
        {"schemaVersion":2,"mediaType":"{{{RegistryClient.OciManifest}}}","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"{{{config.Digest}}}","size":{{{config.Content.Length}}}},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"{{{layer.Digest}}}","size":{{{layer.Content.Length}}}}],"annotations":{"org.example.bench":"{{{unique}}}"}}
        """);

    public static Blob Config() => Blob.Of(Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"""));
}

internal sealed record Blob(byte[] Content, string Digest)
{
    public static Blob Of(byte[] content) => new(content, Payload.Digest(content));
}
