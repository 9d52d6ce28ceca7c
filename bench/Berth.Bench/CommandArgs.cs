namespace Berth.Bench;

/// <summary>A command word followed by <c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
internal sealed class CommandArgs
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private CommandArgs(string command) => Command = command;

    public string Command { get; }

    public static CommandArgs Parse(string[] args)
    {
        var parsed = new CommandArgs(args.Length > 0 ? args[0] : "");
        for (var i = 1; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new BenchException($"unexpected argument '{args[i]}'");
            }

            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[name] = hasValue ? args[++i] : "true";
        }

        return parsed;
    }

    public string Required(string name) =>
        _values.TryGetValue(name, out var value) ? value : throw new BenchException($"--{name} is required");

    public string? Optional(string name) => _values.GetValueOrDefault(name);

    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>A loopback base URL: the benchmark sends traffic nowhere else.</summary>
    public Uri LoopbackUrl(string name)
    {
        var text = Required(name);
        if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new BenchException($"--{name} must be an http:// URL, not '{text}'");
        }

        if (!uri.IsLoopback)
        {
            throw new BenchException($"--{name} must point at loopback (127.0.0.1 or localhost), not '{uri.Host}'");
        }

        return uri;
    }
}

/// <summary>An expected failure of a benchmark step: reported in one line, not as a stack trace.</summary>
internal sealed class BenchException(string message) : Exception(message);
