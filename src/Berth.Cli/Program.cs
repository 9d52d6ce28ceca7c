using Berth.Cli;
using Berth.Cli.Runtime;

return await BerthCli.InvokeAsync(args, CliEnvironment.FromProcess());
