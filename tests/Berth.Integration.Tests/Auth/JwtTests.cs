using System.Net;
using System.Security.Cryptography;
using System.Text;
using Berth.Api.Auth;
using Berth.Core.Metadata;
using Berth.Integration.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Integration.Tests.Auth;

/// <summary>Bearer tokens are validated strictly: signature, algorithm, key, type, issuer, audience, lifetime.</summary>
public sealed class JwtTests(AuthFixture server) : IClassFixture<AuthFixture>
{
    private readonly AuthApi _api = new(server);

    private async Task<(string Repo, string Token)> PulledRepoAsync()
    {
        var repo = OciClient.NewRepo();
        await new OciClient(server.CreateClient()).PushImageAsync(repo, "v1");
        var token = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, $"repository:{repo}:pull");
        using var ok = await server.CreateBearerClient(token).GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        return (repo, token);
    }

    private async Task AssertRejectedAsync(string repo, string token)
    {
        using var response = await server.CreateBearerClient(token).GetAsync($"/v2/{repo}/manifests/v1");
        await OciClient.AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Contains("error=\"invalid_token\"", response.Headers.WwwAuthenticate.Single().Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        var (repo, token) = await PulledRepoAsync();
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.DecodeBytes(parts[1]);
        payload[Encoding.UTF8.GetString(payload).IndexOf("\"jti\":\"", StringComparison.Ordinal) + 7] ^= 0x01; // one byte of the jti value
        await AssertRejectedAsync(repo, $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}");

        // Widening the access claim by hand, keeping the signature, must fail too.
        var widened = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace("[\"pull\"]", "[\"pull\",\"push\",\"delete\"]", StringComparison.Ordinal);
        await AssertRejectedAsync(repo, $"{parts[0]}.{Base64UrlEncoder.Encode(widened)}.{parts[2]}");
    }

    [Fact]
    public async Task Alg_none_is_rejected()
    {
        var (repo, token) = await PulledRepoAsync();
        var payload = token.Split('.')[1];
        var header = Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        await AssertRejectedAsync(repo, $"{header}.{payload}.");
        await AssertRejectedAsync(repo, $"{header}.{payload}");
    }

    [Fact]
    public async Task Expired_token_is_rejected()
    {
        var (repo, token) = await PulledRepoAsync();
        var issuer = server.Get<TokenIssuer>();
        var claims = AuthApi.Claims(token);
        var access = new[] { new AccessEntry("repository", repo, ["pull"]) };
        var expired = issuer.Create(TokenIssuer.AccessType, claims.GetProperty("sub").GetString()!, _api.Service, access, DateTimeOffset.UtcNow.AddHours(-1), TimeSpan.FromMinutes(5), RegistryIds.Default);
        await AssertRejectedAsync(repo, expired.Value);

        // Expired 10 s ago is within the 30 s clock skew: still accepted.
        var fresh = issuer.Create(TokenIssuer.AccessType, claims.GetProperty("sub").GetString()!, _api.Service, access, DateTimeOffset.UtcNow.AddMinutes(-5).AddSeconds(-10), TimeSpan.FromMinutes(5), RegistryIds.Default);
        using var ok = await server.CreateBearerClient(fresh.Value).GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Token_signed_by_another_key_is_rejected_even_with_the_servers_kid()
    {
        var (repo, token) = await PulledRepoAsync();
        var kid = AuthApi.Header(token).GetProperty("kid").GetString();
        using var foreign = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.Split('.')[1]));
        var credentials = new SigningCredentials(new ECDsaSecurityKey(foreign) { KeyId = kid }, SecurityAlgorithms.EcdsaSha256);
        await AssertRejectedAsync(repo, new JsonWebTokenHandler().CreateToken(payload, credentials));

        var unknownKid = new SigningCredentials(new ECDsaSecurityKey(foreign) { KeyId = "someone-else" }, SecurityAlgorithms.EcdsaSha256);
        await AssertRejectedAsync(repo, new JsonWebTokenHandler().CreateToken(payload, unknownKid));

        // HMAC with the public key as secret (the classic algorithm confusion) is refused by algorithm.
        var hmac = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = kid }, SecurityAlgorithms.HmacSha256);
        await AssertRejectedAsync(repo, new JsonWebTokenHandler().CreateToken(payload, hmac));
    }

    [Fact]
    public async Task Refresh_token_and_foreign_audience_are_not_access_tokens()
    {
        var (repo, token) = await PulledRepoAsync();
        var issuer = server.Get<TokenIssuer>();
        var sub = AuthApi.Claims(token).GetProperty("sub").GetString()!;
        await AssertRejectedAsync(repo, issuer.CreateRefreshToken(sub).Value);
        var elsewhere = issuer.CreateAccessToken(sub, "registry.elsewhere.example", RegistryIds.Default, [new AccessEntry("repository", repo, ["pull"])]);
        await AssertRejectedAsync(repo, elsewhere.Value);

        // Right audience, but issued for another registry (or for none): rejected too.
        var otherRegistry = issuer.CreateAccessToken(sub, _api.Service, RegistryIds.Default + 1000, [new AccessEntry("repository", repo, ["pull"])]);
        await AssertRejectedAsync(repo, otherRegistry.Value);
        var noRegistry = issuer.Create(TokenIssuer.AccessType, sub, _api.Service, [new AccessEntry("repository", repo, ["pull"])], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
        await AssertRejectedAsync(repo, noRegistry.Value);
    }

    [Fact]
    public async Task Rotation_keeps_tokens_of_the_previous_key_valid_and_signs_with_the_new_one()
    {
        var (repo, before) = await PulledRepoAsync();
        var ring = server.Get<SigningKeyRing>();
        var old = AuthApi.Header(before).GetProperty("kid").GetString();
        using (var rotate = await _api.Owner.PostAsync("/api/v1/keys/rotate", null))
        {
            var keys = await AuthApi.ExpectAsync(rotate, HttpStatusCode.OK);
            Assert.True(keys.GetArrayLength() >= 2);
        }

        var current = ring.Keys.Single(k => k.Current).KeyId;
        Assert.NotEqual(old, current);
        using var stillValid = await server.CreateBearerClient(before).GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        var after = await _api.TokenAsync(BerthServerFixture.OwnerUsername, BerthServerFixture.OwnerPassword, $"repository:{repo}:pull");
        Assert.Equal(current, AuthApi.Header(after).GetProperty("kid").GetString());
        using var ok = await server.CreateBearerClient(after).GetAsync($"/v2/{repo}/manifests/v1");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public void Signing_keys_are_stored_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var file = Path.Combine(server.DataDirectory, "keys", "token-signing-keys.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
    }
}
