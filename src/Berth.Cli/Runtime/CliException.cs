namespace Berth.Cli.Runtime;

/// <summary>An expected failure: its message is printed as <c>berth: message</c> and the process exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(int exitCode, string message, string? hint = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>What the user can do about it, printed on a second line.</summary>
    public string? Hint { get; } = hint;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
