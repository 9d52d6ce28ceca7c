using System.Text;
using Berth.Scanning.Inventory;
using Berth.Scanning.Inventory.Analyzers;
using Berth.Scanning.Inventory.Analyzers.Os;
using Berth.Scanning.Inventory.Cache;
using Berth.Scanning.Inventory.Layers;
using Berth.Scanning.Tests.Inventory.TestImages;

namespace Berth.Scanning.Tests.Inventory;

public sealed class LayerReadingTests
{
    [Theory]
    [InlineData(LayerCompression.None)]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task Compression_is_detected_from_the_bytes_even_when_the_media_type_says_otherwise(LayerCompression compression)
    {
        var blob = LayerBuilder.Compress(new LayerBuilder().File("etc/alpine-release", "3.19.1\n").BuildTar(), compression);

        var (tar, detected) = await LayerStreams.OpenTarAsync(new MemoryStream(blob), "application/vnd.docker.image.rootfs.diff.tar.gzip", CancellationToken.None);
        await using (tar)
        {
            var analysis = await Reader().ReadAsync(tar, CancellationToken.None);
            Assert.Equal(compression, detected);
            Assert.Equal(new OsRelease("alpine", "3.19.1"), analysis.Files["etc/alpine-release"].OsRelease);
        }
    }

    [Theory]
    [InlineData(LayerCompression.Gzip)]
    [InlineData(LayerCompression.Zstd)]
    public async Task A_layer_compressed_as_several_concatenated_frames_is_read_to_the_end(LayerCompression compression)
    {
        // Parallel compressors (pigz, zstd -T) emit several members/frames; the tar spans them.
        var tar = new LayerBuilder().File("etc/os-release", "ID=alpine\n").File("lib/apk/db/installed", "P:musl\nV:1.2.4-r4\n\n").BuildTar();
        var half = tar.Length / 2;
        byte[] blob = [.. LayerBuilder.Compress(tar[..half], compression), .. LayerBuilder.Compress(tar[half..], compression)];

        var (stream, _) = await LayerStreams.OpenTarAsync(new MemoryStream(blob), null, CancellationToken.None);
        await using (stream)
        {
            var analysis = await new LayerReader(Berth.Scanning.Inventory.Analyzers.DefaultAnalyzers.Create(), new InventoryOptions()).ReadAsync(stream, CancellationToken.None);
            Assert.Equal("musl", Assert.Single(analysis.Files["lib/apk/db/installed"].Packages).Name);
        }
    }

    [Theory]
    [InlineData("application/vnd.oci.image.layer.v1.tar+zstd", LayerCompression.Zstd)]
    [InlineData("application/vnd.oci.image.layer.v1.tar+gzip", LayerCompression.Gzip)]
    [InlineData("application/vnd.oci.image.layer.v1.tar", LayerCompression.None)]
    public void A_blob_too_short_for_a_magic_falls_back_to_the_media_type(string mediaType, LayerCompression expected) =>
        Assert.Equal(expected, LayerCompressionDetector.Detect(mediaType, [0x1f]));

    [Theory]
    [InlineData("./var/lib/dpkg/status", "var/lib/dpkg/status")]
    [InlineData("/etc/", "etc")]
    [InlineData("./", "")]
    public void Tar_names_are_normalised(string name, string expected) => Assert.Equal(expected, LayerPaths.Normalize(name));

    [Theory]
    [InlineData("usr/lib/.wh.python3", WhiteoutKind.Whiteout, "usr/lib/python3")]
    [InlineData(".wh.etc", WhiteoutKind.Whiteout, "etc")]
    [InlineData("app/node_modules/.wh..wh..opq", WhiteoutKind.Opaque, "app/node_modules")]
    [InlineData(".wh..wh.plnk", WhiteoutKind.Ignored, ".wh..wh.plnk")]
    [InlineData("etc/passwd", WhiteoutKind.None, "etc/passwd")]
    public void Whiteouts_are_classified(string path, WhiteoutKind kind, string target)
    {
        Assert.Equal(kind, LayerPaths.Classify(path, out var actual));
        Assert.Equal(target, actual);
    }

    [Fact]
    public async Task Only_wanted_files_are_recorded_and_a_whiteout_keeps_same_layer_files()
    {
        var tar = new LayerBuilder()
            .File("var/lib/dpkg/status", "Package: a\nStatus: install ok installed\nVersion: 1\n\n")
            .File("etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .Whiteout("var/lib/dpkg/status")
            .Symlink("etc/os-release", "../usr/lib/os-release")
            .BuildTar();

        var analysis = await Reader().ReadAsync(new MemoryStream(tar), CancellationToken.None);

        Assert.Equal(["etc/os-release", "var/lib/dpkg/status"], analysis.Files.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("a", Assert.Single(analysis.Files["var/lib/dpkg/status"].Packages).Name);
        Assert.Null(analysis.Files["etc/os-release"].OsRelease);
        Assert.Null(analysis.Files["etc/os-release"].SkipReason);
        Assert.Equal(["var/lib/dpkg/status"], analysis.Whiteouts);
    }

    [Fact]
    public async Task A_hard_link_to_an_analysed_file_shares_its_findings()
    {
        var tar = new LayerBuilder()
            .File("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .HardLink("etc/os-release", "usr/lib/os-release")
            .BuildTar();

        var analysis = await Reader().ReadAsync(new MemoryStream(tar), CancellationToken.None);

        Assert.Equal(new OsRelease("debian", "12"), analysis.Files["etc/os-release"].OsRelease);
        Assert.Null(analysis.Files["etc/os-release"].SkipReason);
    }

    [Fact]
    public async Task A_tar_that_is_not_a_tar_throws_invalid_data()
    {
        var junk = new MemoryStream(Encoding.ASCII.GetBytes(new string('x', 2048)));

        await Assert.ThrowsAnyAsync<InvalidDataException>(() => Reader().ReadAsync(junk, CancellationToken.None));
    }

    [Fact]
    public void Lru_cache_evicts_the_least_recently_used_layer()
    {
        var cache = new LruLayerAnalysisCache(capacity: 2);
        var empty = new LayerAnalysis(new Dictionary<string, FileFindings>(), [], []);
        cache.Set("a", empty);
        cache.Set("b", empty);
        Assert.True(cache.TryGet("a", out _));

        cache.Set("c", empty);

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.True(cache.TryGet("c", out _));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Options_name_every_invalid_value()
    {
        Assert.Empty(new InventoryOptions().Validate());

        var errors = new InventoryOptions { MaxFileBytes = 0, InMemoryFileBytes = -1, MaxConfigBytes = 0, MaxParallelLayers = 0 }.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Berth:Scanning:Inventory:MaxParallelLayers", StringComparison.Ordinal));
    }

    private static LayerReader Reader() =>
        new([new OsReleaseAnalyzer(), new DpkgStatusAnalyzer()], new InventoryOptions());
}
