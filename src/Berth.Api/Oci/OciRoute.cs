namespace Berth.Api.Oci;

/// <summary>Which OCI endpoint a <c>/v2/</c> path addresses.</summary>
public enum OciRouteKind
{
    Unknown,
    Base,
    Catalog,
    Tags,
    Manifest,
    Blob,
    UploadStart,
    Upload,
    Referrers,
}

/// <summary>
/// A parsed <c>/v2/</c> path. Repository names contain <c>/</c>, so the endpoint is recognised from the right:
/// <c>&lt;name&gt;/tags/list</c>, <c>&lt;name&gt;/manifests/&lt;ref&gt;</c>, <c>&lt;name&gt;/blobs/uploads/[&lt;id&gt;]</c>,
/// <c>&lt;name&gt;/blobs/&lt;digest&gt;</c>, <c>&lt;name&gt;/referrers/&lt;digest&gt;</c>. The name and reference are not
/// validated here (handlers do that, to answer with the right error code). Pure and thread-safe.
/// </summary>
public readonly record struct OciRoute(OciRouteKind Kind, string Name, string Reference)
{
    public static OciRoute Parse(string? path)
    {
        var p = path ?? string.Empty;
        if (p.StartsWith('/'))
        {
            p = p[1..];
        }

        if (p.Length == 0)
        {
            return new(OciRouteKind.Base, string.Empty, string.Empty);
        }

        if (p is "_catalog" or "_catalog/")
        {
            return new(OciRouteKind.Catalog, string.Empty, string.Empty);
        }

        if (TrySuffix(p, "/tags/list", out var name))
        {
            return new(OciRouteKind.Tags, name, string.Empty);
        }

        if (TrySuffix(p, "/blobs/uploads/", out name) || TrySuffix(p, "/blobs/uploads", out name))
        {
            return new(OciRouteKind.UploadStart, name, string.Empty);
        }

        var last = p.LastIndexOf('/');
        if (last <= 0 || last == p.Length - 1)
        {
            return default;
        }

        var reference = p[(last + 1)..];
        var head = p[..last];
        var kindStart = head.LastIndexOf('/');
        if (kindStart <= 0)
        {
            return default;
        }

        var kind = head[(kindStart + 1)..];
        name = head[..kindStart];
        if (kind == "uploads" && TrySuffix(name, "/blobs", out var uploadRepo))
        {
            return new(OciRouteKind.Upload, uploadRepo, reference);
        }

        return kind switch
        {
            "manifests" => new(OciRouteKind.Manifest, name, reference),
            "blobs" => new(OciRouteKind.Blob, name, reference),
            "referrers" => new(OciRouteKind.Referrers, name, reference),
            _ => default,
        };
    }

    private static bool TrySuffix(string p, string suffix, out string name)
    {
        if (p.Length > suffix.Length && p.EndsWith(suffix, StringComparison.Ordinal))
        {
            name = p[..^suffix.Length];
            return true;
        }

        name = string.Empty;
        return false;
    }
}
