using System.Text.Json.Nodes;
using Berth.Scanning.Findings.Components;

namespace Berth.Scanning.Tests.Findings;

/// <summary>Builds CycloneDX 1.6 SBOMs the way docs/sbom-contract describes them, and reads them back with the matcher's reader.</summary>
public sealed class TestSbom
{
    public const string Layer1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string Layer2 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private readonly JsonArray components = [];

    public TestSbom Os(string id, string versionId, string ecosystem)
    {
        components.Add(new JsonObject
        {
            ["type"] = "operating-system",
            ["bom-ref"] = $"os:{id}",
            ["name"] = id,
            ["version"] = versionId,
            ["properties"] = Properties(("berth:ecosystem", ecosystem)),
        });
        return this;
    }

    public TestSbom Deb(string name, string version, string release, string? source = null, string? sourceVersion = null) =>
        Add(name, version, $"pkg:deb/debian/{name}@{Uri.EscapeDataString(version)}?arch=amd64&distro=debian-{release}", $"Debian:{release}", "var/lib/dpkg/status", Layer1, source, sourceVersion);

    public TestSbom Apk(string name, string version, string branch, string? origin = null) =>
        Add(name, version, $"pkg:apk/alpine/{name}@{version}?arch=x86_64&distro=alpine-{branch}", $"Alpine:v{branch}", "lib/apk/db/installed", Layer1, origin);

    public TestSbom Rpm(string name, string version, string release) =>
        Add(name, version, $"pkg:rpm/almalinux/{name}@{Uri.EscapeDataString(version)}?arch=x86_64&distro=almalinux-{release}", $"AlmaLinux:{release.Split('.')[0]}", "var/lib/rpm/rpmdb.sqlite", Layer1);

    public TestSbom Npm(string name, string version) =>
        Add(name, version, $"pkg:npm/{name.Replace("@", "%40", StringComparison.Ordinal)}@{version}", "npm", $"usr/lib/node_modules/{name}/package.json", Layer2);

    public TestSbom PyPI(string name, string version) =>
        Add(name, version, $"pkg:pypi/{name.ToLowerInvariant()}@{version}", "PyPI", $"usr/lib/python3/site-packages/{name}-{version}.dist-info/METADATA", Layer2);

    public TestSbom Go(string module, string version) =>
        Add(module, version, $"pkg:golang/{module}@{version}", "Go", "usr/local/bin/app", Layer2);

    public TestSbom NuGet(string name, string version) =>
        Add(name, version, $"pkg:nuget/{name}@{version}", "NuGet", "app/app.deps.json", Layer2);

    public TestSbom Maven(string group, string artifact, string version) =>
        Add(artifact, version, $"pkg:maven/{group}/{artifact}@{version}", "Maven", $"app/lib/{artifact}-{version}.jar", Layer2);

    public TestSbom Gem(string name, string version) =>
        Add(name, version, $"pkg:gem/{name}@{version}", "RubyGems", $"usr/local/bundle/specifications/{name}-{version}.gemspec", Layer2);

    public TestSbom Crate(string name, string version) =>
        Add(name, version, $"pkg:cargo/{name}@{version}", "crates.io", "usr/local/bin/tool", Layer2);

    public TestSbom Add(string name, string version, string purl, string ecosystem, string path, string layer, string? source = null, string? sourceVersion = null)
    {
        var properties = new List<(string, string)> { ("berth:ecosystem", ecosystem), ("berth:layer", layer), ("berth:path", path) };
        if (source is not null)
        {
            properties.Add(("berth:source-name", source));
        }

        if (sourceVersion is not null)
        {
            properties.Add(("berth:source-version", sourceVersion));
        }

        components.Add(new JsonObject
        {
            ["type"] = "library",
            ["bom-ref"] = $"{purl}#{components.Count}",
            ["name"] = name,
            ["version"] = version,
            ["purl"] = purl,
            ["properties"] = Properties([.. properties]),
        });
        return this;
    }

    public string Json(string repository = "team/app", string digest = "sha256:abcd")
    {
        var document = new JsonObject
        {
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = "1.6",
            ["serialNumber"] = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79",
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = "2026-11-27T00:00:00Z",
                ["component"] = new JsonObject
                {
                    ["type"] = "container",
                    ["bom-ref"] = "image",
                    ["name"] = repository,
                    ["version"] = digest,
                    ["properties"] = Properties(("berth:platform", "linux/amd64")),
                },
            },
            ["components"] = components.DeepClone(),
        };
        return document.ToJsonString();
    }

    public ScannedImage Read() => CycloneDxComponents.Read(System.Text.Encoding.UTF8.GetBytes(Json()));

    private static JsonArray Properties(params (string Name, string Value)[] properties) =>
        [.. properties.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })];
}
