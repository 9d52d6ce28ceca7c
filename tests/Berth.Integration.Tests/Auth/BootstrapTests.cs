using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>First start of the real executable: the Owner's generated password is printed once, to stderr only.</summary>
public sealed class BootstrapTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task First_start_prints_the_generated_owner_password_once_to_stderr_and_never_to_the_log()
    {
        var data = _temp.Combine("data");
        var unset = new Dictionary<string, string> { ["BERTH__IDENTITY__INITIALOWNERPASSWORD"] = string.Empty };
        string password;
        await using (var first = await BerthProcess.StartAsync(data, environment: unset))
        {
            await WaitForAsync(() => first.StandardError.Any(l => l.Contains("password:", StringComparison.Ordinal)));
            password = first.StandardError.Single(l => l.Contains("password:", StringComparison.Ordinal)).Split("password:")[1].Trim();
            Assert.True(password.Length >= 20);
            Assert.Contains(first.StandardError, l => l.Contains("username: owner", StringComparison.Ordinal));
            Assert.DoesNotContain(first.StandardOutput, l => l.Contains(password, StringComparison.Ordinal));
            Assert.Contains(first.StandardOutput, l => l.Contains("initial Owner", StringComparison.Ordinal));

            using var anonymous = new HttpClient { BaseAddress = first.BaseAddress };
            using (var closed = await anonymous.GetAsync("/v2/"))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, closed.StatusCode);
            }

            using var owner = new HttpClient { BaseAddress = first.BaseAddress };
            owner.DefaultRequestHeaders.Authorization = BerthServerFixture.Basic("owner", password);
            using var open = await owner.GetAsync("/api/v1/users");
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(20)));
        }

        await using var second = await BerthProcess.StartAsync(data, environment: unset);
        using var again = new HttpClient { BaseAddress = second.BaseAddress };
        again.DefaultRequestHeaders.Authorization = BerthServerFixture.Basic("owner", password);
        using var stillValid = await again.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Empty(second.StandardError);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50);
        }

        Assert.True(condition());
    }
}
