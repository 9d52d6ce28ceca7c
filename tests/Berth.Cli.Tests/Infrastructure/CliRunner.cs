using Berth.Cli;
using Berth.Cli.Runtime;

namespace Berth.Cli.Tests.Infrastructure;

/// <summary>What one in-process <c>berth</c> run printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>
/// Runs <c>berth</c> commands in-process with a private HOME (so <c>~/.docker/config.json</c> is a temp file), a
/// private environment, and optionally a fake HTTP handler. Dispose deletes the temp directory.
/// </summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner(HttpMessageHandler? handler = null)
    {
        Home = Path.Combine(Path.GetTempPath(), "berth-cli-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Home);
        Variables["HOME"] = Home;
        Handler = handler;
    }

    public string Home { get; }

    public Dictionary<string, string?> Variables { get; } = new();

    public HttpMessageHandler? Handler { get; }

    public string DockerConfig => Path.Combine(Home, ".docker", "config.json");

    public Task<CliResult> RunAsync(params string[] args) => RunWithInputAsync("", args);

    public async Task<CliResult> RunWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin);
        var env = new CliEnvironment(output, error, input, Variables) { HttpHandler = Handler };
        var code = await BerthCli.InvokeAsync(args, env);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
