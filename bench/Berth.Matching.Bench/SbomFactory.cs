using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace Berth.Matching.Bench;

/// <summary>
/// A CycloneDX SBOM of <c>count</c> components shaped like a real image: a distro base (Debian 11 source
/// packages, or Alpine/AlmaLinux) plus language packages, every one with advisories in the store. Versions
/// alternate between a low one (affected by most entries) and a high one (affected by few), so both the
/// matching and the non-matching paths run.
/// </summary>
internal static class SbomFactory
{
    private static readonly (string Ecosystem, int Share, string Type)[] Mix =
    [
        ("Debian:11", 35, "deb"), ("AlmaLinux:9", 15, "rpm"), ("Alpine:v3.11", 10, "apk"), ("npm", 10, "npm"),
        ("PyPI", 10, "pypi"), ("Go", 10, "golang"), ("crates.io", 5, "cargo"), ("RubyGems", 5, "gem"),
    ];

    public static byte[] Build(string connectionString, int count)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        var components = new JsonArray();
        foreach (var (ecosystem, share, type) in Mix)
        {
            var wanted = count * share / 100;
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT name_key FROM affected WHERE ecosystem = $e ORDER BY name_key LIMIT $n;";
            command.Parameters.AddWithValue("$e", ecosystem);
            command.Parameters.AddWithValue("$n", wanted);
            using var reader = command.ExecuteReader();
            var i = 0;
            while (reader.Read())
            {
                var name = reader.GetString(0);
                var version = Version(type, i++ % 2 == 0);
                components.Add(Component(type, ecosystem, name, version, components.Count));
            }
        }

        // A real image also holds packages no advisory names: fill up to the count with those (distro base packages).
        for (var i = 0; components.Count < count; i++)
        {
            components.Add(Component("deb", "Debian:11", $"libquiet{i}", "1.0-1", components.Count));
        }

        var document = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["version"] = 1,
            ["metadata"] = new JsonObject { ["component"] = new JsonObject { ["type"] = "container", ["name"] = "bench/app", ["version"] = "sha256:bench" } },
            ["components"] = components,
        };
        return System.Text.Encoding.UTF8.GetBytes(document.ToJsonString());
    }

    private static string Version(string type, bool low) => (type, low) switch
    {
        ("deb", true) => "0.1-1",
        ("deb", false) => "99:1.0-1",
        ("rpm", true) => "0.1-1.el9",
        ("rpm", false) => "99:1.0-1.el9",
        ("apk", true) => "0.1-r0",
        ("apk", false) => "999.0-r0",
        ("golang", true) => "v0.0.1",
        ("golang", false) => "v999.0.0",
        (_, true) => "0.0.1",
        _ => "999.0.0",
    };

    private static JsonObject Component(string type, string ecosystem, string name, string version, int index) => new()
    {
        ["type"] = "library",
        ["bom-ref"] = $"c{index}",
        ["name"] = name,
        ["version"] = version,
        ["purl"] = type switch
        {
            "deb" => $"pkg:deb/debian/{name}@{Uri.EscapeDataString(version)}?distro=debian-11",
            "rpm" => $"pkg:rpm/almalinux/{name}@{Uri.EscapeDataString(version)}?distro=almalinux-9.4",
            "apk" => $"pkg:apk/alpine/{name}@{version}?distro=alpine-3.11",
            "npm" => $"pkg:npm/{name.Replace("@", "%40", StringComparison.Ordinal)}@{version}",
            _ => $"pkg:{type}/{name}@{version}",
        },
        ["properties"] = new JsonArray(
            new JsonObject { ["name"] = "berth:ecosystem", ["value"] = ecosystem },
            new JsonObject { ["name"] = "berth:layer", ["value"] = "sha256:" + new string('a', 64) },
            new JsonObject { ["name"] = "berth:path", ["value"] = "var/lib/packages" }),
    };
}
