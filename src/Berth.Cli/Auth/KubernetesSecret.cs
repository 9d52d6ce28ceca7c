using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.Runtime;

namespace Berth.Cli.Auth;

/// <summary>
/// A <c>kubernetes.io/dockerconfigjson</c> Secret (an image pull secret) for one registry credential, as YAML or JSON.
/// The <c>.dockerconfigjson</c> value is base64 of <c>{"auths":{"host:port":{"username","password","auth"}}}</c>,
/// what <c>kubectl create secret docker-registry</c> produces.
/// </summary>
internal static class KubernetesSecret
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The decoded <c>.dockerconfigjson</c> document.</summary>
    public static string DockerConfigJson(string server, string username, string password)
    {
        var entry = new JsonObject
        {
            ["username"] = username,
            ["password"] = password,
            ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")),
        };
        return new JsonObject { ["auths"] = new JsonObject { [server] = entry } }.ToJsonString();
    }

    public static string Yaml(string name, string? ns, string server, string username, string password)
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(DockerConfigJson(server, username, password)));
        var builder = new StringBuilder()
            .Append("apiVersion: v1\n")
            .Append("kind: Secret\n")
            .Append("metadata:\n")
            .Append("  name: ").Append(name).Append('\n');
        if (ns is not null)
        {
            builder.Append("  namespace: ").Append(ns).Append('\n');
        }

        return builder
            .Append("type: kubernetes.io/dockerconfigjson\n")
            .Append("data:\n")
            .Append("  .dockerconfigjson: ").Append(encoded).Append('\n')
            .ToString();
    }

    public static string Json(string name, string? ns, string server, string username, string password)
    {
        var metadata = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            metadata["namespace"] = ns;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = metadata,
            ["type"] = "kubernetes.io/dockerconfigjson",
            ["data"] = new JsonObject
            {
                [".dockerconfigjson"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(DockerConfigJson(server, username, password))),
            },
        }.ToJsonString(Indented);
    }

    /// <summary>Checks a Secret or namespace name: a DNS-1123 subdomain (lower case, digits, '-', '.'; at most 253).</summary>
    public static string ValidateName(string value, string what)
    {
        var valid = value.Length is > 0 and <= 253
            && value.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.')
            && char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]);
        return valid ? value : throw CliException.Usage($"'{value}' is not a valid Kubernetes {what} (lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)");
    }

    /// <summary>A Secret name derived from a token name: <c>berth-&lt;token&gt;</c>, lower-cased, other characters as '-'.</summary>
    public static string DefaultName(string tokenName)
    {
        var chars = ("berth-" + tokenName.ToLowerInvariant()).Select(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' ? ch : '-').ToArray();
        var name = new string(chars).Trim('-', '.');
        return name.Length > 253 ? name[..253].TrimEnd('-', '.') : name;
    }
}
