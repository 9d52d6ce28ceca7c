using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Inventory;

/// <summary>
/// Picks the image's distribution from the release files still visible: os-release first (etc, then
/// usr/lib), then alpine-release / debian_version; the latter two also fill a missing VERSION_ID.
/// </summary>
internal static class OsReleaseResolver
{
    private static readonly string[] Priority =
        ["etc/os-release", "usr/lib/os-release", "etc/alpine-release", "etc/debian_version"];

    public static (OsRelease? Os, string? Layer) Resolve(
        IReadOnlyDictionary<string, (FileFindings Findings, string Layer)> visible)
    {
        OsRelease? chosen = null;
        string? layer = null;
        foreach (var path in Priority)
        {
            if (!visible.TryGetValue(path, out var entry) || entry.Findings.OsRelease is not { } os)
            {
                continue;
            }

            if (chosen is null)
            {
                (chosen, layer) = (os, entry.Layer);
            }
            else if (chosen.VersionId is null && os.Id == chosen.Id && os.VersionId is not null)
            {
                chosen = chosen with { VersionId = os.VersionId };
            }
        }

        return (chosen, layer);
    }
}
