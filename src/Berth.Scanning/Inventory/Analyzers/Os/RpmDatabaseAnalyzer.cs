using Berth.Scanning.Advisories.Matching;
using Microsoft.Data.Sqlite;

namespace Berth.Scanning.Inventory.Analyzers.Os;

/// <summary>
/// RPM packages from the sqlite rpmdb (<c>var/lib/rpm/rpmdb.sqlite</c>, rpm ≥ 4.16, also under
/// <c>usr/lib/sysimage/rpm</c>): each row of <c>Packages</c> is a header blob. The database is copied
/// to a private temp file because sqlite needs a file, then deleted with its journal files.
/// </summary>
public sealed class RpmDatabaseAnalyzer : IPackageAnalyzer
{
    public string Id => "rpm-sqlite/1";

    public bool Wants(LayerFile file) =>
        file.Path is "var/lib/rpm/rpmdb.sqlite" or "usr/lib/sysimage/rpm/rpmdb.sqlite";

    public void Analyze(LayerFile file, Stream content, FileFindings findings)
    {
        var path = Path.Combine(Path.GetTempPath(), "berth-rpmdb-" + Guid.NewGuid().ToString("N") + ".sqlite");
        try
        {
            using (var copy = File.Create(path))
            {
                content.CopyTo(copy);
            }

            ReadPackages(path, findings);
        }
        catch (SqliteException e)
        {
            throw new InvalidDataException($"not an rpm sqlite database: {e.Message}", e);
        }
        finally
        {
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static void ReadPackages(string path, FileFindings findings)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT blob FROM Packages";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var header = RpmHeader.Parse((byte[])reader[0]);
            var name = header.String(RpmHeader.TagName);
            var version = header.String(RpmHeader.TagVersion);
            var release = header.String(RpmHeader.TagRelease);
            // gpg-pubkey rows are imported signing keys, not software.
            if (name is null or "gpg-pubkey" || version is null || release is null)
            {
                continue;
            }

            var epochNumber = header.Int32(RpmHeader.TagEpoch);
            var epoch = epochNumber is > 0 ? epochNumber.Value.ToString() : null;
            var evr = DistroEcosystems.RpmVersion(epochNumber, version, release);
            findings.Packages.Add(new FoundPackage(PackageKind.Rpm, name, evr)
            {
                Arch = header.String(RpmHeader.TagArch),
                Epoch = epoch,
                SourceName = SourceName(header.String(RpmHeader.TagSourceRpm)),
                SourceVersion = evr,
            });
        }
    }

    /// <summary><c>bash-5.1.8-6.el9.src.rpm</c> → <c>bash</c>: drop ".src.rpm", then release and version.</summary>
    internal static string? SourceName(string? sourceRpm)
    {
        if (string.IsNullOrEmpty(sourceRpm))
        {
            return null;
        }

        var stem = sourceRpm.EndsWith(".src.rpm", StringComparison.Ordinal) ? sourceRpm[..^8]
            : sourceRpm.EndsWith(".nosrc.rpm", StringComparison.Ordinal) ? sourceRpm[..^10] : sourceRpm;
        for (var i = 0; i < 2; i++)
        {
            var dash = stem.LastIndexOf('-');
            if (dash <= 0)
            {
                return stem;
            }

            stem = stem[..dash];
        }

        return stem;
    }
}
