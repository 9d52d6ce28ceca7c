using System.CommandLine;
using System.Text.Json;
using Berth.Cli.Auth;
using Berth.Cli.Output;
using Berth.Cli.Runtime;

namespace Berth.Cli.Commands.Tokens;

/// <summary>
/// How a freshly generated token password is printed: a table plus the labelled password, JSON, or a
/// <c>kubernetes.io/dockerconfigjson</c> Secret manifest (<c>kubernetes-secret</c> YAML, <c>kubernetes-secret-json</c>).
/// </summary>
internal sealed class SecretOutput
{
    public static readonly string[] Formats = ["table", "json", "kubernetes-secret", "kubernetes-secret-json"];

    public Option<string?> SecretName { get; } = new("--secret-name") { Description = "Kubernetes Secret name (default berth-<token>)" };

    public Option<string?> Namespace { get; } = new("--namespace") { Description = "Kubernetes namespace of the Secret (default: none, kubectl's current)" };

    public Option<string?> LoginServer { get; } = new("--login-server") { Description = "Registry host[:port] as the cluster pulls from it (default: the server's)" };

    public Symbol[] Symbols => [SecretName, Namespace, LoginServer];

    public int Print(CommandContext c, JsonElement? token, string slot)
    {
        var name = token is { } t ? Json.String(t, "name") : null;
        var password = token is { } p ? Json.String(p, "password") : null;
        if (c.Output.StartsWith("kubernetes-secret", StringComparison.Ordinal))
        {
            if (name is null || password is null)
            {
                throw new CliException(ExitCodes.Failed, "the server's answer had no token name or password");
            }

            var secretName = KubernetesSecret.ValidateName(c.Get(SecretName) ?? KubernetesSecret.DefaultName(name), "Secret name");
            var ns = c.Get(Namespace) is { } n ? KubernetesSecret.ValidateName(n, "namespace") : null;
            var server = c.Get(LoginServer) ?? c.Api.Server.Key;
            c.Env.Out.Write(c.Output == "kubernetes-secret"
                ? KubernetesSecret.Yaml(secretName, ns, server, name, password)
                : KubernetesSecret.Json(secretName, ns, server, name, password) + "\n");
            return ExitCodes.Ok;
        }

        c.Print(token, TokenCommands.Fields);
        c.Secret($"Token {name} {slot}", password);
        if (!c.Json)
        {
            c.Env.Out.WriteLine($"Log in with: podman login {c.Api.Server.Key} --username {name} --password-stdin");
        }

        return ExitCodes.Ok;
    }
}
