using Spectre.Console;

namespace Berth.Cli.Runtime;

/// <summary>
/// Everything a command touches outside itself: standard streams, environment variables and the HTTP handler.
/// Tests build one with string writers and a private HOME so commands run in-process without side effects.
/// </summary>
internal sealed class CliEnvironment
{
    private readonly IReadOnlyDictionary<string, string?>? _variables;

    /// <param name="variables">Environment variables; null reads the process environment and detects the terminal.</param>
    public CliEnvironment(TextWriter output, TextWriter error, TextReader input, IReadOnlyDictionary<string, string?>? variables = null, bool interactive = false)
    {
        var terminal = variables is null;
        Out = output;
        Error = error;
        In = input;
        _variables = variables;
        Interactive = interactive;
        Console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!terminal)
        {
            // Captured output: wide enough that tables never wrap ids and secrets.
            Console.Profile.Width = 240;
        }
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    /// <summary>Tables and prompts, written to <see cref="Out"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>Whether the user can be prompted (a terminal on stdin).</summary>
    public bool Interactive { get; }

    /// <summary>Replaces the HTTP handler (tests); null uses the default sockets handler.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The real process: console streams and process environment variables.</summary>
    public static CliEnvironment FromProcess()
    {
        var env = new CliEnvironment(System.Console.Out, System.Console.Error, System.Console.In, interactive: !System.Console.IsInputRedirected && !System.Console.IsOutputRedirected);
        if (System.Console.IsOutputRedirected)
        {
            // Piped or captured: no terminal width to respect, so never wrap or truncate ids and secrets.
            env.Console.Profile.Width = 1000;
        }

        return env;
    }

    /// <summary>An environment variable; empty values count as unset.</summary>
    public string? Variable(string name)
    {
        var value = _variables is null ? Environment.GetEnvironmentVariable(name) : _variables.GetValueOrDefault(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The user's home directory (<c>HOME</c>, else the OS profile folder).</summary>
    public string Home => Variable("HOME") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public void Warn(string message) => Error.WriteLine($"Warning: {message}");
}
