namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Fixture lines whose expectation no release of the ecosystem's own tool produces (osv-scalibr's own
/// fallback for malformed strings decided them). Berth follows the real tool there; each line is still checked,
/// against the real tool's answer, and listed with its reason in TestData/versions/NOTICE.
/// </summary>
internal static class KnownDeviations
{
    public sealed record Deviation(string File, int Line, string Text, int Expected, string Reason);

    public static IReadOnlyList<Deviation> All { get; } =
    [
        new("alpine-versions.txt", 43, "1-r0-1 = 1-r-2", 1,
            "apk-tools 3 reads '1-r0' then a malformed '-1' against a malformed '-r-2' right after '1', and a " +
            "revision is newer than a malformed token; only apk-tools 2 (which read '-r' as '-r0') says equal."),
    ];

    public static Deviation? Find(string file, int line) =>
        All.FirstOrDefault(d => d.File == file && d.Line == line);
}
