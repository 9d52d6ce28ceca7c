using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Berth.Interop.Tests.Infrastructure;

/// <summary>Uncompressed layer tarballs built in memory, plus gzip. Kept uncompressed so diff_ids can be computed.</summary>
public static class Layers
{
    // A fixed timestamp: layer bytes then depend only on the chosen contents.
    private static readonly DateTimeOffset Epoch = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const UnixFileMode Executable = (UnixFileMode)0b111_101_101;
    private const UnixFileMode Regular = (UnixFileMode)0b110_100_100;

    /// <summary>A tar of <paramref name="files"/> files of random bytes under <c>data/</c>; random so each layer's digest is unique.</summary>
    public static byte[] RandomTar(int files, int fileSize)
    {
        var entries = new List<(string, byte[])>();
        for (var i = 0; i < files; i++)
        {
            var content = new byte[fileSize];
            Random.Shared.NextBytes(content);
            entries.Add(($"data/{Guid.NewGuid():N}.bin", content));
        }

        return Tar(["data/"], entries, []);
    }

    /// <summary>
    /// A minimal root filesystem: the static busybox plus applet symlinks, and <c>etc/marker</c> holding
    /// <paramref name="marker"/> so a test can prove the layer content it pushed is what the container sees.
    /// </summary>
    public static byte[] BusyboxRootfs(string marker)
    {
        const string busybox = "/bin/busybox";
        Assert.True(File.Exists(busybox), $"{busybox} is missing; install the busybox-static Debian package (scripts/test.sh does)");
        string[] applets = ["sh", "echo", "cat", "ls", "true"];
        return Tar(
            ["bin/", "etc/", "tmp/"],
            [("bin/busybox", File.ReadAllBytes(busybox)), ("etc/marker", Encoding.UTF8.GetBytes(marker))],
            [.. applets.Select(a => ($"bin/{a}", "busybox"))]);
    }

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
        {
            gzip.Write(content);
        }

        return output.ToArray();
    }

    public static byte[] Gunzip(byte[] content)
    {
        using var input = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    /// <summary>Reads a (possibly gzipped) layer and returns its regular files' contents by path.</summary>
    public static Dictionary<string, byte[]> ReadFiles(byte[] layer)
    {
        var tar = layer is [0x1f, 0x8b, ..] ? Gunzip(layer) : layer;
        var files = new Dictionary<string, byte[]>();
        using var reader = new TarReader(new MemoryStream(tar));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                files[entry.Name.TrimStart('.', '/')] = copy.ToArray();
            }
        }

        return files;
    }

    private static byte[] Tar(string[] directories, List<(string Path, byte[] Content)> files, (string Path, string Target)[] symlinks)
    {
        using var output = new MemoryStream();
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var dir in directories)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, dir) { Mode = Executable, ModificationTime = Epoch });
            }

            foreach (var (path, content) in files)
            {
                var mode = path.StartsWith("bin/", StringComparison.Ordinal) ? Executable : Regular;
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, path)
                {
                    Mode = mode,
                    ModificationTime = Epoch,
                    DataStream = new MemoryStream(content),
                });
            }

            foreach (var (path, target) in symlinks)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target, ModificationTime = Epoch });
            }
        }

        return output.ToArray();
    }
}
