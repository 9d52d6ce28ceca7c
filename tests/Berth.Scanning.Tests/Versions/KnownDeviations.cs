namespace Berth.Scanning.Tests.Versions;

/// <summary>
/// Fixture lines whose expectation the ecosystem's own tool does not produce (osv-scalibr's own reading
/// decided them). Berth follows the real tool there; each line is still checked, against the real tool's
/// answer, and listed with its reason in TestData/versions/NOTICE.
/// </summary>
internal static class KnownDeviations
{
    private const string MavenSpecification =
        "Maven 3.9's ComparableVersion says '>'; the fixture follows the POM version order specification (OSV's " +
        "reading), which is not transitive for such mixes of '.' and '-' qualifiers (it also orders " +
        "2.9.0.RC3 < 2.9.0 < 2.9.0-1 < 2.9.0.RC1).";

    public sealed record Deviation(string File, int Line, string Text, int Expected, string Reason);

    public static IReadOnlyList<Deviation> All { get; } =
    [
        new("alpine-versions.txt", 43, "1-r0-1 = 1-r-2", 1,
            "apk-tools 3 reads '1-r0' then a malformed '-1' against a malformed '-r-2' right after '1', and a " +
            "revision is newer than a malformed token; only apk-tools 2 (which read '-r' as '-r0') says equal."),
        new("packagist-versions.txt", 96, "1.2.3.# = 1.2.3.1", -1,
            "PHP's version_compare drops a '#' after a dot, so this is 1.2.3 against 1.2.3.1; the same file also " +
            "says '1.2.3.# = 1.2.3', and both cannot hold in an order."),

        // Maven 3.9's ComparableVersion (checked with Maven's own class) says ">" for each of these.
        new("maven-versions.txt", 100, "1-1 = 1-ga-1", 1, MavenSpecification),
        new("maven-versions-generated.txt", 2781, "1.0.0-RC16 < 1.0.0.RC8-beta", 1, MavenSpecification),
        new("maven-versions-generated.txt", 2786, "1.0.0-gradle-rework-beta3 < 1.0.0.RC7-3", 1, MavenSpecification),
        new("maven-versions-generated.txt", 5776, "2.9.0-1 < 2.9.0.RC1", 1, MavenSpecification),
        new("maven-versions-generated.txt", 9949, "6.1.12.rc5 < 6.1.12rc1", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11435, "1.1.31.sec10 < 1.1.31_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11450, "1.1.34.sec10 < 1.1.34_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11476, "1.1.46.sec10 < 1.1.46_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11526, "1.2.8.sec10_noneautotype < 1.2.8_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11557, "1.2.31.sec10 < 1.2.31_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11578, "1.2.48.sec10 < 1.2.48_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11582, "1.2.50.sec10 < 1.2.50_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11594, "1.2.54.sec10 < 1.2.54_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11602, "1.2.57.sec10 < 1.2.57_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11612, "1.2.60.sec10 < 1.2.60_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11621, "1.2.67.sec10 < 1.2.67_noneautotype", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11687, "1.0.0rc0 < 1.0.beta8", 1, MavenSpecification),
        new("maven-versions-generated.txt", 11748, "1.5.9.RC1 < 1.5.9-RC0", 1, MavenSpecification),
        new("maven-versions-generated.txt", 12642, "1.1.0-01-glassfish < 1.1.0.Beta1", 1, MavenSpecification),
    ];

    public static Deviation? Find(string file, int line) =>
        All.FirstOrDefault(d => d.File == file && d.Line == line);
}
