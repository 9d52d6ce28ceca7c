using Berth.Integration.Tests.Infrastructure;

namespace Berth.Interop.Tests.Infrastructure;

/// <summary>
/// A real Berth server plus a private ROOT directory holding the containers/image configuration the
/// client tools read, so nothing on the host (registries.conf, policy.json, stored credentials) changes
/// what a test observes.
/// </summary>
public class InteropFixture : IAsyncLifetime
{
    /// <summary>Listing pages are kept tiny so clients must follow Berth's <c>Link</c> header to see every tag.</summary>
    public const int PageSize = 4;

    public BerthServerFixture Server { get; } = new SmallPagesServer();

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "berth-interop-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary><c>127.0.0.1:PORT</c> — how image references name this registry.</summary>
    public string Registry => Server.BaseAddress.Authority;

    public OciClient Oci { get; private set; } = null!;

    /// <summary>Environment for every tool: only these configuration files, never the host's.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; protected set; } = new Dictionary<string, string>();

    private string PolicyFile => Path.Combine(Root, "policy.json");

    public virtual async Task InitializeAsync()
    {
        await Server.InitializeAsync();
        Oci = new OciClient(Server.CreateClient());
        Directory.CreateDirectory(Root);
        // Nothing is open by default: the tools log in as the fixture's Owner (Docker token authentication).
        var auth = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{BerthServerFixture.OwnerUsername}:{BerthServerFixture.OwnerPassword}"));
        File.WriteAllText(Path.Combine(Root, "auth.json"), System.Text.Json.JsonSerializer.Serialize(new { auths = new Dictionary<string, object> { [Registry] = new { auth } } }));
        File.WriteAllText(PolicyFile, """{"default":[{"type":"insecureAcceptAnything"}]}""");
        // Berth speaks plain HTTP here: "insecure" lets podman use it without --tls-verify on every command
        // (and is the only switch podman's API service honours, per engine.md).
        File.WriteAllText(Path.Combine(Root, "registries.conf"), $"""
            unqualified-search-registries = []

            [[registry]]
            location = "{Registry}"
            insecure = true
            """);
        Environment = new Dictionary<string, string>
        {
            ["CONTAINERS_REGISTRIES_CONF"] = Path.Combine(Root, "registries.conf"),
            // Only the Owner's credentials: nothing from the host's auth.json reaches the registry.
            ["REGISTRY_AUTH_FILE"] = Path.Combine(Root, "auth.json"),
        };
    }

    /// <summary>A fresh directory under ROOT (removed with it).</summary>
    public string NewDirectory(string name)
    {
        var path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Runs skopeo with this fixture's policy and registries.conf.</summary>
    public Task<ProcessResult> SkopeoAsync(params string[] args) =>
        ProcessRunner.RunAsync("skopeo", ["--policy", PolicyFile, .. args], Environment);

    /// <summary><c>docker://127.0.0.1:PORT/repo:tag</c>.</summary>
    public string DockerRef(string repo, string? tag = null) => $"docker://{Registry}/{repo}" + (tag is null ? "" : ":" + tag);

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temp directory must not turn a passing run into a failure.
        }
    }

    private sealed class SmallPagesServer : BerthServerFixture
    {
        protected override IReadOnlyDictionary<string, string?> Settings =>
            new Dictionary<string, string?> { ["Berth:Registry:MaxPageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
    }
}
