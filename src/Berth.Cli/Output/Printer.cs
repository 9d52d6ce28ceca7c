using System.Text.Json;
using Berth.Cli.Runtime;
using Spectre.Console;

namespace Berth.Cli.Output;

/// <summary>Prints server responses: Spectre.Console tables for people, indented JSON for scripts, secrets clearly labelled.</summary>
internal static class Printer
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Json(CliEnvironment env, JsonElement? element)
    {
        env.Out.WriteLine(element is null ? "{}" : JsonSerializer.Serialize(element.Value, Indented));
    }

    /// <summary>A table with one row per array item; prints <paramref name="empty"/> instead of an empty table.</summary>
    public static void Table(CliEnvironment env, JsonElement? array, string empty, params Column[] columns)
    {
        var rows = array is { ValueKind: JsonValueKind.Array } a ? a.EnumerateArray().ToList() : [];
        if (rows.Count == 0)
        {
            env.Out.WriteLine(empty);
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c.Header)));
        }

        foreach (var row in rows)
        {
            table.AddRow(columns.Select(c => Markup.Escape(c.Value(row))).ToArray());
        }

        env.Console.Write(table);
    }

    /// <summary>One object as a two-column field/value table.</summary>
    public static void Record(CliEnvironment env, JsonElement? element, params Column[] fields)
    {
        var table = new Table().Border(TableBorder.Rounded).HideHeaders().AddColumn("field").AddColumn("value");
        foreach (var f in fields)
        {
            table.AddRow(Markup.Escape(f.Header), Markup.Escape(element is { } e ? f.Value(e) : ""));
        }

        env.Console.Write(table);
    }

    /// <summary>A secret the server will never show again: a labelled line, then the value alone on its own line (easy to copy).</summary>
    public static void Secret(CliEnvironment env, string label, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        env.Console.MarkupLine($"[bold yellow]{Markup.Escape(label)}[/] [yellow](shown only now; store it safely, it cannot be shown again):[/]");
        env.Out.WriteLine(value);
    }

    public static void Line(CliEnvironment env, string text) => env.Out.WriteLine(text);

    /// <summary>Confirms a deletion (nothing in JSON mode, where the exit code says it all).</summary>
    public static void Deleted(Commands.CommandContext c, string what)
    {
        if (!c.Json)
        {
            c.Env.Out.WriteLine($"Deleted {what}.");
        }
    }
}
