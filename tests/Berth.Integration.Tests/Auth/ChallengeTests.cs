using System.Net;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>Unauthenticated requests get 401 UNAUTHORIZED with a Bearer challenge naming the scope each route needs.</summary>
public sealed class ChallengeTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private const string Digest = "sha256:0000000000000000000000000000000000000000000000000000000000000000";
    private readonly HttpClient _anonymous = server.CreateAnonymousClient();

    public static TheoryData<string, string, string?> Routes => new()
    {
        { "GET", "/v2/", null },
        { "GET", "/v2/_catalog", "registry:catalog:*" },
        { "GET", "/v2/team/app/tags/list", "repository:team/app:pull" },
        { "GET", "/v2/team/app/manifests/latest", "repository:team/app:pull" },
        { "HEAD", "/v2/team/app/manifests/latest", "repository:team/app:pull" },
        { "PUT", "/v2/team/app/manifests/latest", "repository:team/app:push,pull" },
        { "DELETE", $"/v2/team/app/manifests/{Digest}", "repository:team/app:delete" },
        { "GET", $"/v2/team/app/blobs/{Digest}", "repository:team/app:pull" },
        { "DELETE", $"/v2/team/app/blobs/{Digest}", "repository:team/app:delete" },
        { "POST", "/v2/team/app/blobs/uploads/", "repository:team/app:push,pull" },
        { "PATCH", "/v2/team/app/blobs/uploads/0f0e0d0c0b0a09080706050403020100", "repository:team/app:push,pull" },
        { "GET", $"/v2/team/app/referrers/{Digest}", "repository:team/app:pull" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Every_route_challenges_with_its_scope(string method, string path, string? scope)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "PUT" or "PATCH")
        {
            request.Content = new ByteArrayContent([1, 2, 3]);
        }

        using var response = await _anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.Single();
        Assert.Equal("Bearer", challenge.Scheme);
        var expected = $"realm=\"{server.BaseAddress.Scheme}://{server.BaseAddress.Authority}/oauth2/token\",service=\"{server.BaseAddress.Authority}\"";
        if (scope is not null)
        {
            expected += $",scope=\"{scope}\"";
        }

        Assert.Equal(expected, challenge.Parameter);
        Assert.Equal("registry/2.0", response.Headers.GetValues("Docker-Distribution-API-Version").Single());
        if (method != "HEAD")
        {
            await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }

    [Fact]
    public async Task Base_answers_200_to_an_authenticated_caller()
    {
        using var owner = server.CreateClient();
        using var response = await owner.GetAsync("/v2/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_401_with_a_clear_error()
    {
        using var client = server.CreateClient(BerthServerFixture.OwnerUsername, "not-the-password");
        using var response = await client.GetAsync("/v2/team/app/tags/list");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("invalid username or password", (await OciClient.ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Unknown_scheme_and_malformed_basic_are_401()
    {
        foreach (var header in new[] { "Digest abc", "Basic !!!", "Bearer not.a.jwt" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/");
            request.Headers.TryAddWithoutValidation("Authorization", header);
            using var response = await _anonymous.SendAsync(request);
            await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }
}
