using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Tests.Http;

public sealed class ServerAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:5000", "http://127.0.0.1:5000/", "127.0.0.1:5000")]
    [InlineData("localhost:5000", "http://localhost:5000/", "localhost:5000")]
    [InlineData("[::1]:5000", "http://[::1]:5000/", "[::1]:5000")]
    [InlineData("berth.example", "https://berth.example/", "berth.example")]
    [InlineData("berth.example:8443", "https://berth.example:8443/", "berth.example:8443")]
    [InlineData("http://10.0.0.5:5000", "http://10.0.0.5:5000/", "10.0.0.5:5000")]
    [InlineData("https://Berth.Example/", "https://berth.example/", "berth.example")]
    [InlineData("https://berth.example:443/v2/", "https://berth.example/", "berth.example")]
    public void Parses_host_port_and_urls(string input, string baseUri, string key)
    {
        var address = ServerAddress.Parse(input);
        Assert.Equal(baseUri, address.BaseUri.ToString());
        Assert.Equal(key, address.Key);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("ftp://x")]
    public void Rejects_what_is_not_a_server(string input)
    {
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => ServerAddress.Parse(input)).ExitCode);
    }

    [Theory]
    [InlineData("https://Host:1/v1/", "host:1")]
    [InlineData("host:1", "host:1")]
    [InlineData("http://host", "host")]
    public void Normalizes_auth_file_keys(string key, string expected)
    {
        Assert.Equal(expected, ServerAddress.NormalizeKey(key));
    }
}
