namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Fixture lines whose expectation the ecosystem's own tool does not produce (osv-scalibr's own reading
/// decided them). Berth follows the real tool there; each line is still checked, against the real tool's
/// answer, and listed with its reason in TestData/versions/NOTICE.
/// </summary>
internal static class KnownDeviations
{
    public sealed record Deviation(string File, int Line, string Text, int Expected, string Reason);

    public static IReadOnlyList<Deviation> All { get; } =
    [
        new("alpine-versions.txt", 43, "1-r0-1 = 1-r-2", 1,
            "apk-tools 3 reads '1-r0' then a malformed '-1' against a malformed '-r-2' right after '1', and a " +
            "revision is newer than a malformed token; only apk-tools 2 (which read '-r' as '-r0') says equal."),
        new("packagist-versions.txt", 96, "1.2.3.# = 1.2.3.1", -1,
            "PHP's version_compare drops a '#' after a dot, so this is 1.2.3 against 1.2.3.1; the same file also " +
            "says '1.2.3.# = 1.2.3', and both cannot hold in an order."),
    ];

    public static Deviation? Find(string file, int line) =>
        All.FirstOrDefault(d => d.File == file && d.Line == line);
}
