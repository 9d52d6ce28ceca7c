using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Formats;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>The advisory files in TestData/advisories (see its NOTICE.md).</summary>
internal static class AdvisoryTestData
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "TestData", "advisories");

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static AdvisoryDocument Document(string relative) => new(relative, () => File.OpenRead(PathOf(relative)));

    public static AdvisoryDocument Document(string name, string content) =>
        new(name, () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)));

    /// <summary>Reads one test file with <paramref name="format"/>, checking the format claims it.</summary>
    public static List<Advisory> Read(IAdvisoryFormat format, string relative, ReadContext? context = null)
    {
        using var document = Document(relative);
        Assert.True(format.CanRead(document), $"{format.Name} should read {relative}");
        return format.Read(document, context ?? new ReadContext()).ToList();
    }

    public static AffectedRange SingleRange(AffectedPackage affected) => Assert.Single(affected.Ranges);

    public static string[] Events(AffectedRange range) =>
        range.Events.Select(e => e.Kind switch
        {
            RangeEventKind.Introduced => "introduced:",
            RangeEventKind.Fixed => "fixed:",
            RangeEventKind.LastAffected => "last_affected:",
            _ => "limit:",
        } + e.Version).ToArray();

    /// <summary>Copies the test data (or one folder of it) to a fresh temp directory, for tests that change files.</summary>
    public static string CopyToTemp(string? folder = null)
    {
        var target = Path.Combine(Path.GetTempPath(), "berth-advisory-tests", Guid.NewGuid().ToString("N"));
        var source = folder is null ? Root : PathOf(folder);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
