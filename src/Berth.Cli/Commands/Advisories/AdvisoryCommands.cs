using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Advisories;

/// <summary><c>berth advisories import PATH|URL</c> and <c>berth advisories status</c>.</summary>
internal static class AdvisoryCommands
{
    private static readonly Column[] ImportFields =
    [
        Column.Of("Origin", "origin"), Column.Of("Import id", "importId"), Column.Of("Advisories read", "advisoriesRead"),
        Column.Of("Added", "added"), Column.Of("Updated", "updated"), Column.Of("Removed", "removed"), Column.Of("Unchanged", "unchanged"),
        Column.Of("Changed packages", "changedPackages"), Column.Of("Ignored documents", "ignoredDocuments"), Column.Of("Elapsed ms", "elapsedMs"),
    ];

    public static Command Create(CliEnvironment env) =>
        ManagementCommand.Group("advisories", "Vulnerability advisory database of a Berth server", Import(env), Status(env));

    private static Command Import(CliEnvironment env)
    {
        var source = new Argument<string>("source")
        {
            Description = "A file, directory or zip of advisories (OSV JSON/YAML, Debian tracker lists, Alpine secdb, rubysec, nodejs-security-wg) "
                + "that the SERVER reads, or an http(s) URL the server downloads. A relative path is made absolute here first.",
        };
        return ManagementCommand.Create(env, "import", "Import advisories into the server's database (atomic: a failed import changes nothing)", [source], async c =>
        {
            var report = await c.PostAsync("advisories/imports", new { source = Resolve(c.Get(source)) });
            if (c.Json)
            {
                Printer.Json(c.Env, report);
                return ExitCodes.Ok;
            }

            Printer.Record(c.Env, report, ImportFields);
            return ExitCodes.Ok;
        }, timeout: TimeSpan.FromHours(1));
    }

    private static Command Status(CliEnvironment env) =>
        ManagementCommand.Create(env, "status", "Advisory sources, counts, and the age of their last import and newest data", [], async c =>
        {
            var status = await c.GetAsync("advisories/status");
            if (c.Json || status is not { ValueKind: JsonValueKind.Object } s)
            {
                Printer.Json(c.Env, status);
                return ExitCodes.Ok;
            }

            Printer.Table(c.Env, s.GetProperty("sources"), "No advisories imported yet: run `berth advisories import PATH|URL`.",
                Column.Of("Source", "name"), Column.Of("Advisories", "advisories"), Column.Of("Withdrawn", "withdrawn"), Column.Of("Packages", "packages"),
                Column.Date("Last import", "lastImportAt"), new Column("Import age", e => Age(e, "lastImportAgeSeconds")),
                Column.Date("Newest data", "newestData", "undated"), new Column("Data age", e => Age(e, "dataAgeSeconds")));
            if (s.GetProperty("lastImportAt").ValueKind == JsonValueKind.String)
            {
                c.Env.Out.WriteLine($"{s.GetProperty("advisories").GetInt32()} advisories ({s.GetProperty("withdrawn").GetInt32()} withdrawn); last import {Age(s, "lastImportAgeSeconds")} ago");
            }

            return ExitCodes.Ok;
        });

    // The server reads the path: make a relative one absolute against where the user typed it.
    private static string Resolve(string source) =>
        source.Contains("://", StringComparison.Ordinal) || Path.IsPathRooted(source) ? source : Path.GetFullPath(source);

    private static string Age(JsonElement e, string name)
    {
        if (!e.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Number)
        {
            return "-";
        }

        var age = TimeSpan.FromSeconds(value.GetInt64());
        return age.TotalDays >= 1 ? $"{(int)age.TotalDays}d {age.Hours}h"
            : age.TotalHours >= 1 ? $"{(int)age.TotalHours}h {age.Minutes}m"
            : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m"
            : $"{Math.Max(0, (int)age.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s";
    }
}
