using System.CommandLine;
using Berth.Cli.Http;
using Berth.Cli.Output;
using Berth.Cli.Runtime;
using Spectre.Console;

namespace Berth.Cli.Commands.Registries;

/// <summary>
/// <c>berth registry delete NAME</c>: deletes a registry and everything in it, after confirmation: <c>--yes</c>, a
/// prompt on a terminal, or <c>y</c>/<c>yes</c> (or the registry name) on standard input. With none of those it
/// refuses (exit code 2) and deletes nothing.
/// </summary>
internal static class RegistryDelete
{
    public static Command Create(CliEnvironment env)
    {
        var name = RegistryCommands.NameArgument();
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask for confirmation" };
        return ManagementCommand.Create(env, "delete", "Delete a registry and all its content (asks for confirmation)", [name, yes], async c =>
        {
            var registry = c.Get(name);
            if (!c.Get(yes) && !Confirmed(c.Env, registry))
            {
                throw CliException.Usage($"not deleting registry '{registry}': confirm with --yes (or answer 'y' on standard input); deleting removes every repository, image and token in it");
            }

            await c.DeleteAsync("registries/" + ApiClient.Segment(registry));
            Printer.Deleted(c, $"registry {registry}");
            return ExitCodes.Ok;
        });
    }

    private static bool Confirmed(CliEnvironment env, string registry)
    {
        var question = $"Delete registry '{registry}' and all its repositories, images and tokens?";
        if (env.Interactive)
        {
            return env.Console.Confirm(Markup.Escape(question), defaultValue: false);
        }

        env.Error.WriteLine(question + " [y/N]");
        var answer = env.In.ReadLine()?.Trim();
        return answer is not null
            && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase) || answer == registry);
    }
}
