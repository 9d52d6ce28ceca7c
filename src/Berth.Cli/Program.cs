using System.CommandLine;
using Berth.Cli.Commands;

var root = new RootCommand("Berth: a self-hosted secure container registry and platform.")
{
    ServeCommand.Create(),
    GcCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
