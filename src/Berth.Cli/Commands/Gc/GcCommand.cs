using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Runtime;
using Spectre.Console;

namespace Berth.Cli.Commands.Gc;

/// <summary><c>berth gc [--dry-run]</c>: asks a running server to collect garbage now and prints what was freed.</summary>
internal static class GcCommand
{
    public static Command Create(CliEnvironment env)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be removed without removing anything" };
        return ManagementCommand.Create(env, "gc", "Run garbage collection on a Berth server now", [dryRun], async c =>
        {
            var report = await c.PostAsync($"gc?dryRun={(c.Get(dryRun) ? "true" : "false")}", null);
            if (c.Json || report is not { ValueKind: JsonValueKind.Object } r)
            {
                Output.Printer.Json(c.Env, report);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumn("item").AddColumn(new TableColumn("value").RightAligned());
            foreach (var p in r.EnumerateObject())
            {
                table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Value.ToString()));
            }

            c.Env.Console.Write(table);
            return ExitCodes.Ok;
        }, timeout: TimeSpan.FromHours(1));
    }
}
