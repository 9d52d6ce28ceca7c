using System.Net;
using System.Text;
using Berth.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace Berth.Core.Tests.Webhooks;

public sealed class WebhookSecurityTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("berth-secretbox-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_signature_verifies_with_its_secret_body_and_a_fresh_timestamp_only()
    {
        var body = Encoding.UTF8.GetBytes("""{"action":"push"}""");
        var header = WebhookSignature.Create("s3cret", Now, body);

        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", header);
        Assert.True(WebhookSignature.Verify("s3cret", header, body, Now.AddMinutes(4), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", header, body, Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("other", header, body, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", header, Encoding.UTF8.GetBytes("""{"action":"delete"}"""), Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("s3cret", header.Replace("t=", "t=1", StringComparison.Ordinal), body, Now, TimeSpan.FromDays(100_000)));
        Assert.False(WebhookSignature.Verify("s3cret", "v1=zz", body, Now, TimeSpan.FromMinutes(5)));
    }

    [Theory]
    [InlineData("127.0.0.1", false, false)]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("::ffff:127.0.0.1", false, false)]
    [InlineData("169.254.169.254", true, false)]
    [InlineData("fe80::1", true, false)]
    [InlineData("0.0.0.0", true, false)]
    [InlineData("::", true, false)]
    [InlineData("224.0.0.1", true, false)]
    [InlineData("93.184.216.34", false, true)]
    [InlineData("10.1.2.3", false, true)]
    [InlineData("2001:db8::1", false, true)]
    public void The_address_guard_refuses_internal_addresses(string address, bool allowLoopback, bool allowed)
    {
        var guard = new AddressGuard(Options.Create(new WebhookOptions { AllowLoopback = allowLoopback }));
        Assert.Equal(allowed, guard.IsAllowed(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task Allowed_hosts_skip_the_address_check_and_literals_are_checked_without_DNS()
    {
        var options = new WebhookOptions();
        options.AllowedHosts.Add("metadata.internal");
        var guard = new AddressGuard(Options.Create(options));
        Assert.Null(await guard.CheckAsync(new Uri("http://METADATA.internal/x"), CancellationToken.None));
        Assert.NotNull(await guard.CheckAsync(new Uri("http://127.0.0.1:9/x"), CancellationToken.None));
        Assert.NotNull(await guard.CheckAsync(new Uri("http://[::1]/x"), CancellationToken.None));
    }

    [Fact]
    public void Sealed_secrets_open_only_with_the_same_key_file_which_is_private()
    {
        var keyFile = Path.Combine(_dir, "keys", "webhook.key");
        var box = new SecretBox(keyFile);
        var sealedSecret = box.Seal("top secret");

        Assert.DoesNotContain("top secret", Encoding.UTF8.GetString(sealedSecret), StringComparison.Ordinal);
        Assert.NotEqual(sealedSecret, box.Seal("top secret"));
        Assert.Equal("top secret", new SecretBox(keyFile).Open(sealedSecret));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => new SecretBox(Path.Combine(_dir, "other.key")).Open(sealedSecret));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
    }
}
