using Berth.Cli.Runtime;

namespace Berth.Cli.Auth;

/// <summary>Where Docker and Podman keep their auth files, following their own lookup rules.</summary>
internal static class AuthFileLocations
{
    /// <summary>Docker's <c>config.json</c>: <c>$DOCKER_CONFIG/config.json</c>, else <c>~/.docker/config.json</c>.</summary>
    public static string Docker(CliEnvironment env) =>
        Path.Combine(env.Variable("DOCKER_CONFIG") ?? Path.Combine(env.Home, ".docker"), "config.json");

    /// <summary>
    /// Podman's <c>auth.json</c>: <c>$REGISTRY_AUTH_FILE</c>, else <c>$XDG_RUNTIME_DIR/containers/auth.json</c>, else
    /// <c>${XDG_CONFIG_HOME:-~/.config}/containers/auth.json</c> (which Podman also reads when there is no runtime dir).
    /// </summary>
    public static string Podman(CliEnvironment env)
    {
        if (env.Variable("REGISTRY_AUTH_FILE") is { } explicitFile)
        {
            return explicitFile;
        }

        if (env.Variable("XDG_RUNTIME_DIR") is { } runtime)
        {
            return Path.Combine(runtime, "containers", "auth.json");
        }

        return Path.Combine(env.Variable("XDG_CONFIG_HOME") ?? Path.Combine(env.Home, ".config"), "containers", "auth.json");
    }
}
