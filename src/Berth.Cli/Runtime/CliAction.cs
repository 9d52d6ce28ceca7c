using System.CommandLine;
using System.Net.Http;
using System.Security.Authentication;

namespace Berth.Cli.Runtime;

/// <summary>
/// Runs a command's action and turns expected failures into one <c>berth &lt;command&gt;: message</c> line on
/// standard error and a documented exit code (<see cref="ExitCodes"/>).
/// </summary>
internal static class CliAction
{
    public static void Set(Command command, CliEnvironment env, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction((parse, ct) => RunAsync(parse, env, () => action(parse, ct), ct));

    private static async Task<int> RunAsync(ParseResult parse, CliEnvironment env, Func<Task<int>> action, CancellationToken ct)
    {
        var name = CommandPath(parse);
        try
        {
            return await action();
        }
        catch (CliException e)
        {
            await env.Error.WriteLineAsync($"{name}: {e.Message}");
            if (e.Hint is not null)
            {
                await env.Error.WriteLineAsync($"  hint: {e.Hint}");
            }

            return e.ExitCode;
        }
        catch (HttpRequestException e)
        {
            var detail = e.InnerException is AuthenticationException tls ? $"TLS failed: {tls.Message}" : e.Message;
            await env.Error.WriteLineAsync($"{name}: cannot reach the server: {detail}");
            return ExitCodes.Unreachable;
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            await env.Error.WriteLineAsync($"{name}: the server did not answer in time");
            return ExitCodes.Unreachable;
        }
        catch (IOException e)
        {
            await env.Error.WriteLineAsync($"{name}: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (UnauthorizedAccessException e)
        {
            await env.Error.WriteLineAsync($"{name}: {e.Message}");
            return ExitCodes.Failed;
        }
    }

    /// <summary><c>berth user create</c> for the command being run.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "berth" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
