using Berth.Cli.Runtime;

namespace Berth.Cli.Auth;

/// <summary>
/// The auth files Berth reads logins from: the one given with <c>--auth-file</c>, else Docker's config.json and
/// then Podman's auth.json (so a <c>berth login --podman</c> is found too).
/// </summary>
internal static class StoredLogins
{
    public static IReadOnlyList<AuthFile> Load(CliEnvironment env, string? authFile)
    {
        if (authFile is not null)
        {
            return [AuthFile.Load(authFile)];
        }

        var docker = AuthFileLocations.Docker(env);
        var podman = AuthFileLocations.Podman(env);
        return docker == podman ? [AuthFile.Load(docker)] : [AuthFile.Load(docker), AuthFile.Load(podman)];
    }

    public static string? FindToken(IEnumerable<AuthFile> files, string server) =>
        files.Select(f => f.GetIdentityToken(server)).FirstOrDefault(t => t is not null);

    public static IReadOnlyList<string> Servers(IEnumerable<AuthFile> files) =>
        files.SelectMany(f => f.LoggedInServers()).Distinct().ToList();
}
