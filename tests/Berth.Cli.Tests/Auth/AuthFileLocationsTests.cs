using Berth.Cli.Auth;
using Berth.Cli.Runtime;

namespace Berth.Cli.Tests.Auth;

public sealed class AuthFileLocationsTests
{
    private static CliEnvironment Env(params (string Key, string? Value)[] variables) =>
        new(TextWriter.Null, TextWriter.Null, TextReader.Null, variables.ToDictionary(v => v.Key, v => v.Value));

    [Fact]
    public void Docker_uses_DOCKER_CONFIG_else_home()
    {
        Assert.Equal("/h/.docker/config.json", AuthFileLocations.Docker(Env(("HOME", "/h"))));
        Assert.Equal("/dc/config.json", AuthFileLocations.Docker(Env(("HOME", "/h"), ("DOCKER_CONFIG", "/dc"))));
    }

    [Fact]
    public void Podman_prefers_REGISTRY_AUTH_FILE_then_runtime_dir_then_config_home()
    {
        Assert.Equal("/x/auth.json", AuthFileLocations.Podman(Env(("HOME", "/h"), ("REGISTRY_AUTH_FILE", "/x/auth.json"), ("XDG_RUNTIME_DIR", "/run/user/1"))));
        Assert.Equal("/run/user/1/containers/auth.json", AuthFileLocations.Podman(Env(("HOME", "/h"), ("XDG_RUNTIME_DIR", "/run/user/1"))));
        Assert.Equal("/h/.config/containers/auth.json", AuthFileLocations.Podman(Env(("HOME", "/h"))));
        Assert.Equal("/c/containers/auth.json", AuthFileLocations.Podman(Env(("HOME", "/h"), ("XDG_CONFIG_HOME", "/c"))));
    }

    [Fact]
    public void Empty_variables_count_as_unset()
    {
        Assert.Equal("/h/.docker/config.json", AuthFileLocations.Docker(Env(("HOME", "/h"), ("DOCKER_CONFIG", ""))));
    }
}
