using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Audit;

/// <summary><c>berth audit verify|export</c>: the tamper-evident audit log (Owner at server scope).</summary>
internal static class AuditCommands
{
    public static Command Create(CliEnvironment env) =>
        ManagementCommand.Group("audit", "Verify and export the audit log", Verify(env), Export(env));

    private static Command Verify(CliEnvironment env) =>
        ManagementCommand.Create(env, "verify", "Walk the audit log's hash chain and report the first broken record", [], async c =>
        {
            var result = await c.GetAsync("audit/verify");
            var valid = result is { } r && r.TryGetProperty("valid", out var v) && v.ValueKind == JsonValueKind.True;
            if (c.Json)
            {
                Printer.Json(c.Env, result);
            }
            else
            {
                Printer.Record(c.Env, result,
                    new Column("Chain", e => valid ? "intact" : "BROKEN"),
                    Column.Of("Records", "records"),
                    Column.Of("First", "firstSequence"),
                    Column.Of("Last", "lastSequence"),
                    new Column("Anchor", e => Anchor(e)),
                    new Column("Broken at", e => Nested(e, "failure", "sequence")),
                    new Column("Reason", e => Nested(e, "failure", "reason")),
                    new Column("Detail", e => Nested(e, "failure", "message")));
            }

            return valid ? ExitCodes.Ok : ExitCodes.Failed;
        }, timeout: TimeSpan.FromHours(1));

    private static Command Export(CliEnvironment env)
    {
        var since = new Option<string?>("--since") { Description = "Only records at or after this time: ISO 8601 (UTC unless an offset is given) or an age such as 30m, 24h, 7d" };
        var until = new Option<string?>("--until") { Description = "Only records before this time (same forms as --since)" };
        var format = new Option<string>("--format") { Description = "Output format: jsonl (one JSON object per line)", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl");
        return ManagementCommand.Create(env, "export", "Stream audit records as JSON lines (with their chain hashes) to standard output", [since, until, format], async c =>
        {
            var now = DateTimeOffset.UtcNow;
            var from = AuditTime.Parse(c.Get(since), "--since", now);
            var to = AuditTime.Parse(c.Get(until), "--until", now);
            var query = new List<string> { "format=jsonl" };
            if (from is { } f)
            {
                query.Add("since=" + Uri.EscapeDataString(f.ToString("O")));
            }

            if (to is { } t)
            {
                query.Add("until=" + Uri.EscapeDataString(t.ToString("O")));
            }

            await c.Api.StreamAsync("audit/export?" + string.Join('&', query), c.Env.Out, c.Ct);
            return ExitCodes.Ok;
        }, outputs: ["table", "json"], timeout: TimeSpan.FromHours(1));
    }

    private static string Anchor(JsonElement e) =>
        e.TryGetProperty("anchor", out var a) && a.ValueKind == JsonValueKind.Object
            ? $"after record {Json.Text(a, "sequence")} ({Json.Text(a, "purgedCount")} purged, hash {Json.Text(a, "hash")[..16]}…)"
            : "genesis";

    private static string Nested(JsonElement e, string outer, string inner) =>
        e.TryGetProperty(outer, out var o) && o.ValueKind == JsonValueKind.Object ? Json.Text(o, inner) : "";
}
