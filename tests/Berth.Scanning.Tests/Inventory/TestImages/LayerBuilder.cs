using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Berth.Scanning.Inventory.Layers;
using ZstdSharp;

namespace Berth.Scanning.Tests.Inventory.TestImages;

/// <summary>Writes a real layer tar (PAX entries, as BuildKit and podman do), optionally gzip or zstd compressed.</summary>
public sealed class LayerBuilder
{
    private const UnixFileMode Regular = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = Regular | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private readonly List<Action<TarWriter>> _entries = [];

    public LayerBuilder File(string path, byte[] content, bool executable = false)
    {
        _entries.Add(w =>
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
            {
                Mode = executable ? Executable : Regular,
                DataStream = new MemoryStream(content, writable: false),
            };
            w.WriteEntry(entry);
        });
        return this;
    }

    public LayerBuilder File(string path, string text) => File(path, Encoding.UTF8.GetBytes(text));

    public LayerBuilder Directory(string path)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.Directory, path.TrimEnd('/') + "/") { Mode = Executable }));
        return this;
    }

    public LayerBuilder Symlink(string path, string target)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target }));
        return this;
    }

    public LayerBuilder HardLink(string path, string target)
    {
        _entries.Add(w => w.WriteEntry(new PaxTarEntry(TarEntryType.HardLink, path) { LinkName = target }));
        return this;
    }

    /// <summary>An OCI whiteout: <c>dir/.wh.name</c> removes <c>dir/name</c> from lower layers.</summary>
    public LayerBuilder Whiteout(string path)
    {
        var slash = path.LastIndexOf('/');
        var whiteout = slash < 0 ? ".wh." + path : path[..(slash + 1)] + ".wh." + path[(slash + 1)..];
        return File(whiteout, []);
    }

    /// <summary>An opaque directory marker: lower layers' content below <paramref name="directory"/> is hidden.</summary>
    public LayerBuilder Opaque(string directory) => File(directory.TrimEnd('/') + "/.wh..wh..opq", []);

    /// <summary>The uncompressed tar.</summary>
    public byte[] BuildTar()
    {
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var write in _entries)
            {
                write(writer);
            }
        }

        return tar.ToArray();
    }

    public static byte[] Compress(byte[] tar, LayerCompression compression)
    {
        using var output = new MemoryStream();
        Stream compressor = compression switch
        {
            LayerCompression.Gzip => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
            LayerCompression.Zstd => new CompressionStream(output, 3, leaveOpen: true),
            _ => new MemoryStream(),
        };
        if (compression == LayerCompression.None)
        {
            return tar;
        }

        using (compressor)
        {
            compressor.Write(tar);
        }

        return output.ToArray();
    }

    public static string MediaType(LayerCompression compression) => compression switch
    {
        LayerCompression.Gzip => "application/vnd.oci.image.layer.v1.tar+gzip",
        LayerCompression.Zstd => "application/vnd.oci.image.layer.v1.tar+zstd",
        _ => "application/vnd.oci.image.layer.v1.tar",
    };
}
