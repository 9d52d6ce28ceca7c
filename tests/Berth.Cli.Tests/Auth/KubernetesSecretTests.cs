using System.Text;
using System.Text.Json;
using Berth.Cli.Auth;
using Berth.Cli.Runtime;

namespace Berth.Cli.Tests.Auth;

public sealed class KubernetesSecretTests
{
    /// <summary>Reads <c>.dockerconfigjson</c> from the YAML the way kubelet would and returns the decoded auths entry.</summary>
    internal static JsonElement DecodeYaml(string yaml, string server)
    {
        var line = yaml.Split('\n').Single(l => l.TrimStart().StartsWith(".dockerconfigjson:", StringComparison.Ordinal));
        var value = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
        return JsonDocument.Parse(Convert.FromBase64String(value)).RootElement.GetProperty("auths").GetProperty(server).Clone();
    }

    internal static void AssertEntry(JsonElement entry, string username, string password)
    {
        Assert.Equal(username, entry.GetProperty("username").GetString());
        Assert.Equal(password, entry.GetProperty("password").GetString());
        Assert.Equal($"{username}:{password}", Encoding.UTF8.GetString(Convert.FromBase64String(entry.GetProperty("auth").GetString()!)));
    }

    [Fact]
    public void Yaml_is_a_dockerconfigjson_secret_whose_data_decodes_to_the_auths_entry()
    {
        var yaml = KubernetesSecret.Yaml("pull", "apps", "berth.example:5000", "ci-token", "p@ss:word/+=");

        Assert.Contains("apiVersion: v1\n", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: Secret\n", yaml, StringComparison.Ordinal);
        Assert.Contains("type: kubernetes.io/dockerconfigjson\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  name: pull\n", yaml, StringComparison.Ordinal);
        Assert.Contains("  namespace: apps\n", yaml, StringComparison.Ordinal);
        AssertEntry(DecodeYaml(yaml, "berth.example:5000"), "ci-token", "p@ss:word/+=");
    }

    [Fact]
    public void Yaml_without_namespace_omits_it()
    {
        Assert.DoesNotContain("namespace", KubernetesSecret.Yaml("pull", null, "h:1", "t", "p"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_manifest_carries_the_same_data()
    {
        var json = JsonDocument.Parse(KubernetesSecret.Json("pull", "apps", "h:1", "tok", "pw")).RootElement;
        Assert.Equal("Secret", json.GetProperty("kind").GetString());
        Assert.Equal("kubernetes.io/dockerconfigjson", json.GetProperty("type").GetString());
        Assert.Equal("apps", json.GetProperty("metadata").GetProperty("namespace").GetString());
        var data = Convert.FromBase64String(json.GetProperty("data").GetProperty(".dockerconfigjson").GetString()!);
        AssertEntry(JsonDocument.Parse(data).RootElement.GetProperty("auths").GetProperty("h:1"), "tok", "pw");
    }

    [Theory]
    [InlineData("ci-token", "berth-ci-token")]
    [InlineData("My_Token", "berth-my-token")]
    [InlineData("a.b", "berth-a.b")]
    public void Default_names_are_valid_dns_subdomains(string token, string expected)
    {
        Assert.Equal(expected, KubernetesSecret.DefaultName(token));
        Assert.Equal(expected, KubernetesSecret.ValidateName(expected, "Secret name"));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("trail-")]
    [InlineData("sp ace")]
    [InlineData("")]
    public void Invalid_names_are_usage_errors(string name)
    {
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => KubernetesSecret.ValidateName(name, "Secret name")).ExitCode);
    }
}
