using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>Repeated failed logins are refused with 429 TOOMANYREQUESTS and Retry-After, on every surface.</summary>
public sealed class RateLimitTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private readonly AuthApi _api = new(server);

    [Fact]
    public async Task Failed_logins_past_the_limit_get_429_with_retry_after()
    {
        var user = await _api.CreateUserAsync("AcrPull");
        using var wrong = server.CreateClient(user.Username, "definitely-not-the-password");
        for (var i = 0; i < AuthFixture.MaxFailuresPerIdentity; i++)
        {
            using var failed = await wrong.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var limited = await wrong.GetAsync("/v2/");
        await OciClient.AssertErrorAsync(limited, HttpStatusCode.TooManyRequests, "TOOMANYREQUESTS");
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);

        // The right password is refused too while the identity is locked out.
        using var token = await _api.RequestTokenAsync(user.Username, user.Password, "repository:a/b:pull");
        await OciClient.AssertErrorAsync(token, HttpStatusCode.TooManyRequests, "TOOMANYREQUESTS");
        Assert.NotNull(token.Headers.RetryAfter);

        using var management = await server.CreateClient(user.Username, user.Password).GetAsync("/api/v1/roles");
        await AuthApi.AssertApiErrorAsync(management, HttpStatusCode.TooManyRequests, "TooManyRequests");
        Assert.NotNull(management.Headers.RetryAfter);
    }
}
