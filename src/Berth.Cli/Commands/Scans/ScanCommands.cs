using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Scans;

/// <summary><c>berth scan show|list|rescan</c> plus <c>policy</c> and <c>allowlist</c>: vulnerability reports and the gate.</summary>
internal static class ScanCommands
{
    private static readonly Column[] RecordColumns =
    [
        new("Digest", r => Short(Json.Text(r, "digest"))), Column.Of("Status", "status"),
        Count("Critical", "critical"), Count("High", "high"), Count("Medium", "medium"), Count("Low", "low"), Count("Unknown", "unknown"),
        Column.Date("Completed", "completedAt", "-"),
    ];

    private static readonly Column[] FindingColumns =
    [
        Column.Of("Severity", "severity"), Column.Of("Id", "id"), Column.Of("Package", "package"),
        Column.Of("Installed", "installedVersion"), new("Fixed", f => Json.String(f, "fixedVersion") ?? "-"),
    ];

    public static Command Create(CliEnvironment env) => ManagementCommand.Group("scan", "Vulnerability scans, quarantine and the pull gate",
        Show(env), List(env), Rescan(env), ScanPolicyCommands.Policy(env), ScanPolicyCommands.Allowlist(env));

    private static Argument<string> ImageArgument() => new("image") { Description = "REPOSITORY:TAG or REPOSITORY@DIGEST (tag defaults to latest)" };

    private static Command Show(CliEnvironment env)
    {
        var image = ImageArgument();
        return ManagementCommand.Create(env, "show", "Show an image's vulnerability report", [image], async c =>
        {
            var path = ManifestPath(c, c.Get(image));
            if (c.Output == "sarif")
            {
                Printer.Json(c.Env, await c.GetAsync(path + "?format=sarif"));
                return ExitCodes.Ok;
            }

            var scan = await c.GetAsync(path + "?format=json");
            if (c.Json || scan is not { } s)
            {
                Printer.Json(c.Env, scan);
                return ExitCodes.Ok;
            }

            Printer.Record(c.Env, s, [Column.Of("Image", "repository"), Column.Of("Digest", "digest"), Column.Of("Status", "status"), Column.Of("Error", "error"),
                Column.Date("Completed", "completedAt", "-"), Column.Of("Advisory data", "advisoryVersion"),
                new("Findings", r => r.TryGetProperty("counts", out var n) ? $"{Json.Text(n, "total")} (critical {Json.Text(n, "critical")}, high {Json.Text(n, "high")}, medium {Json.Text(n, "medium")}, low {Json.Text(n, "low")}, unknown {Json.Text(n, "unknown")})" : "")]);
            foreach (var report in Json.Array(s, "reports"))
            {
                Printer.Line(c.Env, $"{Json.Text(report, "platform")} {Json.Text(report, "digest")}");
                var findings = report.TryGetProperty("findings", out var f) ? f : default;
                Printer.Table(c.Env, findings.ValueKind == JsonValueKind.Array ? findings : null, "No vulnerabilities found.", FindingColumns);
            }

            return ExitCodes.Ok;
        }, registryScoped: true, outputs: ["table", "json", "sarif"]);
    }

    private static Command List(CliEnvironment env)
    {
        var repository = new Argument<string>("repository") { Description = "Repository name" };
        return ManagementCommand.Create(env, "list", "List the scans of a repository's images", [repository], async c =>
            c.PrintList(await c.GetAsync(c.RegistryPath + "repositories/" + Escape(c.Get(repository)) + "/scans"), "No scans.", RecordColumns),
            registryScoped: true);
    }

    private static Command Rescan(CliEnvironment env)
    {
        var image = ImageArgument();
        return ManagementCommand.Create(env, "rescan", "Scan an image again now (re-matches its SBOM against current advisories)", [image], async c =>
            c.Print(await c.PostAsync(ManifestPath(c, c.Get(image)), null), RecordColumns), registryScoped: true);
    }

    /// <summary>The API path of an image's scan from <c>repo:tag</c> or <c>repo@digest</c>.</summary>
    internal static string ManifestPath(CommandContext c, string image)
    {
        var (repository, reference) = ParseImage(image);
        return c.RegistryPath + "repositories/" + Escape(repository) + "/manifests/" + ApiClient.Segment(reference) + "/scan";
    }

    internal static (string Repository, string Reference) ParseImage(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        if (at > 0)
        {
            return (image[..at], image[(at + 1)..]);
        }

        var colon = image.LastIndexOf(':');
        return colon > 0 && image.IndexOf('/', colon) < 0 ? (image[..colon], image[(colon + 1)..]) : (image, "latest");
    }

    // Repository names keep their slashes in the path; each segment is escaped.
    private static string Escape(string repository) => string.Join('/', repository.Split('/').Select(ApiClient.Segment));

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;

    private static Column Count(string header, string name) => new(header, r => r.TryGetProperty("counts", out var n) ? Json.Text(n, name) : "");
}
