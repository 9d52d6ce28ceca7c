using Berth.Scanning.Inventory.Analyzers;

namespace Berth.Scanning.Tests.Inventory.TestImages;

/// <summary>Runs one analyzer on one file the way the layer reader does (asserting it wants the path).</summary>
public static class Analyze
{
    public static FileFindings File(IPackageAnalyzer analyzer, string path, byte[] content, bool executable = false)
    {
        var file = new LayerFile(path, content.Length, executable);
        Assert.True(analyzer.Wants(file), $"{analyzer.Id} should want {path}");
        var findings = new FileFindings();
        using var stream = new MemoryStream(content, writable: false);
        analyzer.Analyze(file, stream, findings);
        return findings;
    }

    public static string TestData(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "TestData", .. parts]);
}
