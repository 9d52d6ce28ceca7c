using System.CommandLine;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands;

/// <summary><c>--password</c> and <c>--password-stdin</c> for commands that set a password; null means "let the server generate one".</summary>
internal sealed class PasswordOptions
{
    private PasswordOptions(string description)
    {
        Password = new Option<string?>("--password") { Description = description + "; prefer --password-stdin" };
        Stdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input" };
    }

    public Option<string?> Password { get; }

    public Option<bool> Stdin { get; }

    public Symbol[] Symbols => [Password, Stdin];

    public static PasswordOptions Create(string description) => new(description);

    public string? Read(CommandContext c)
    {
        var value = c.Get(Password);
        if (c.Get(Stdin))
        {
            return value is null ? Prompts.FromStdin(c.Env) : throw CliException.Usage("use either --password or --password-stdin, not both");
        }

        return value;
    }
}
