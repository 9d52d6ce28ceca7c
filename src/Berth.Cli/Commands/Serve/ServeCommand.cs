using System.CommandLine;
using Berth.Server.Hosting;
using Microsoft.Extensions.Hosting;

namespace Berth.Cli.Commands.Serve;

/// <summary><c>berth serve</c>: runs the server. Flags override configuration files and environment variables.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var listen = new Option<string?>("--listen") { Description = "ADDRESS:PORT to listen on (default 127.0.0.1:5000; port 0 picks a free one)" };
        var data = new Option<string?>("--data") { Description = "Data directory for the database and blobs (default ./berth-data)" };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate file; with --tls-key serves HTTPS (HTTP/1.1 and HTTP/2)" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key file for --tls-cert" };
        var config = new Option<string?>("--config") { Description = "Extra JSON configuration file (same shape as appsettings.json)" };
        var command = new Command("serve", "Run the Berth server") { listen, data, tlsCert, tlsKey, config };
        command.SetAction(async (parse, ct) =>
        {
            var overrides = new Dictionary<string, string?>();
            Add(overrides, "Berth:Listen", parse.GetValue(listen));
            Add(overrides, "Berth:Data", parse.GetValue(data));
            Add(overrides, "Berth:TlsCert", parse.GetValue(tlsCert));
            Add(overrides, "Berth:TlsKey", parse.GetValue(tlsKey));
            try
            {
                await using var app = BerthServer.Build(overrides, parse.GetValue(config));
                await app.StartAsync(ct);
                await app.WaitForShutdownAsync(ct);
                return 0;
            }
            catch (Microsoft.Extensions.Options.OptionsValidationException e)
            {
                await Console.Error.WriteLineAsync($"berth: invalid configuration:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", e.Failures)}");
                return 2;
            }
        });
        return command;
    }

    private static void Add(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
