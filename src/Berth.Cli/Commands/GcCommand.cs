using System.CommandLine;
using System.Net.Http.Json;
using System.Text.Json;
using Spectre.Console;

namespace Berth.Cli.Commands;

/// <summary><c>berth gc [--dry-run]</c>: asks a running server to collect garbage now and prints what was freed.</summary>
internal static class GcCommand
{
    public static Command Create()
    {
        var server = new Option<string>("--server") { Description = "Berth server URL", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would be removed without removing anything" };
        var output = new Option<string>("--output", "-o") { Description = "table or json", DefaultValueFactory = _ => "table" };
        output.AcceptOnlyFromAmong("table", "json");
        var username = new Option<string?>("--username", "-u") { Description = "User or service principal app id with Manage rights (default: $BERTH_USERNAME)" };
        var password = new Option<string?>("--password", "-p") { Description = "Its password or secret (default: $BERTH_PASSWORD)" };
        var command = new Command("gc", "Run garbage collection on a Berth server now") { server, dryRun, output, username, password };
        command.SetAction(async (parse, ct) =>
        {
            using var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(server)!), Timeout = TimeSpan.FromHours(1) };
            var user = parse.GetValue(username) ?? Environment.GetEnvironmentVariable("BERTH_USERNAME");
            var secret = parse.GetValue(password) ?? Environment.GetEnvironmentVariable("BERTH_PASSWORD");
            if (user is not null && secret is not null)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                    "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{user}:{secret}")));
            }

            HttpResponseMessage response;
            try
            {
                response = await http.PostAsync($"/api/v1/gc?dryRun={(parse.GetValue(dryRun) ? "true" : "false")}", null, ct);
            }
            catch (HttpRequestException e)
            {
                await Console.Error.WriteLineAsync($"berth gc: cannot reach {http.BaseAddress}: {e.Message}");
                return 3;
            }

            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync($"berth gc: server answered {(int)response.StatusCode}: {body}");
                return 1;
            }

            if (parse.GetValue(output) == "json")
            {
                Console.WriteLine(body);
                return 0;
            }

            using var doc = JsonDocument.Parse(body);
            var table = new Table().AddColumn("item").AddColumn(new TableColumn("value").RightAligned());
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                table.AddRow(Markup.Escape(p.Name), Markup.Escape(p.Value.ToString()));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }
}
