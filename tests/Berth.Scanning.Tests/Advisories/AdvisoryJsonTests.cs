using Berth.Scanning.Advisories;
using Berth.Scanning.Advisories.Formats;
using Berth.Scanning.Advisories.Import;
using Berth.Scanning.Advisories.Storage;

namespace Berth.Scanning.Tests.Advisories;

/// <summary>The stored JSON form, the content hash, and merging repeated ids.</summary>
public sealed class AdvisoryJsonTests
{
    private static readonly AffectedPackage Xorg = new()
    {
        Ecosystem = "Debian:11",
        Name = "xorg-server",
        Ranges = [new AffectedRange { Type = RangeTypes.Ecosystem, Events = [RangeEvent.Introduced("0"), RangeEvent.Fixed("2:1.20.11-1+deb11u6")] }],
    };

    [Fact]
    public void Affected_entries_are_stored_osv_shaped_and_compact()
    {
        var json = System.Text.Encoding.UTF8.GetString(AdvisoryJson.Serialize(Xorg));
        Assert.Equal("""{"ecosystem":"Debian:11","name":"xorg-server","ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2:1.20.11-1+deb11u6"}]}]}""", json);
        var back = AdvisoryJson.DeserializeAffected(System.Text.Encoding.UTF8.GetBytes(json));
        Assert.Empty(back.Versions);
        Assert.Empty(back.Severity);
        Assert.Null(back.Constraints);
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(AdvisoryJson.Serialize(back)));
    }

    [Fact]
    public void Every_test_advisory_round_trips_byte_for_byte_with_lists_never_null()
    {
        var count = 0;
        foreach (var file in Directory.EnumerateFiles(AdvisoryTestData.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var document = new AdvisoryDocument(file, () => File.OpenRead(file));
            var format = AdvisoryImporter.DefaultFormats.FirstOrDefault(f => f.CanRead(document));
            foreach (var advisory in format?.Read(document, new ReadContext()) ?? [])
            {
                var json = AdvisoryJson.Serialize(advisory);
                var back = AdvisoryJson.DeserializeAdvisory(json);
                Assert.Equal(json, AdvisoryJson.Serialize(back));
                Assert.NotNull(back.Aliases);
                Assert.NotNull(back.References);
                Assert.All(back.Affected, a => Assert.NotNull(a.Versions));
                Assert.Equal(AdvisoryJson.Hash(advisory), AdvisoryJson.Hash(back));
                count++;
            }
        }

        Assert.True(count > 2000, $"{count} advisories");
    }

    [Fact]
    public void Hash_follows_content()
    {
        var a = new Advisory { Id = "DSA-1-1", Source = "DSA", Affected = [Xorg] };
        Assert.Equal(AdvisoryJson.Hash(a), AdvisoryJson.Hash(a with { Affected = [Xorg with { }] }));
        Assert.NotEqual(AdvisoryJson.Hash(a), AdvisoryJson.Hash(a with { Summary = "x" }));
    }

    [Fact]
    public void Merge_unions_lists_and_drops_duplicate_entries()
    {
        var first = new Advisory
        {
            Id = "CVE-2009-3009",
            Source = "RUBYSEC",
            Aliases = ["GHSA-1"],
            Summary = "first",
            Modified = DateTimeOffset.UnixEpoch,
            Affected = [Xorg],
        };
        var second = first with
        {
            Aliases = ["GHSA-1", "OSVDB-2"],
            Summary = "second",
            Modified = DateTimeOffset.UnixEpoch.AddDays(1),
            Affected = [Xorg with { }, Xorg with { Name = "other" }],
        };
        var merged = AdvisoryMerger.Merge([first, second]);
        Assert.Equal("first", merged.Summary);
        Assert.Equal(["GHSA-1", "OSVDB-2"], merged.Aliases);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddDays(1), merged.Modified);
        Assert.Equal(["xorg-server", "other"], merged.Affected.Select(x => x.Name));
        Assert.Same(first, AdvisoryMerger.Merge([first]));
    }
}
