using Spectre.Console;

namespace Berth.Cli.Runtime;

/// <summary>Interactive questions; only called when <see cref="CliEnvironment.Interactive"/> is true.</summary>
internal static class Prompts
{
    public static string Text(CliEnvironment env, string question) =>
        env.Console.Prompt(new TextPrompt<string>($"{Markup.Escape(question)}:"));

    public static string Secret(CliEnvironment env, string question) =>
        env.Console.Prompt(new TextPrompt<string>($"{Markup.Escape(question)}:").Secret());

    /// <summary>Reads a secret from standard input (<c>--password-stdin</c>): everything up to end of input, without the final newline.</summary>
    public static string FromStdin(CliEnvironment env)
    {
        var text = env.In.ReadToEnd().TrimEnd('\r', '\n');
        return text.Length > 0 ? text : throw CliException.Usage("standard input was empty; expected the password");
    }
}
