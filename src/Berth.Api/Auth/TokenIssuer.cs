using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Berth.Api.Auth;

/// <summary>A signed token and its lifetime.</summary>
public sealed record IssuedToken(string Value, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    public int ExpiresInSeconds => (int)Math.Max(0, (ExpiresAt - IssuedAt).TotalSeconds);
}

/// <summary>
/// Signs access tokens (header <c>typ: JWT</c>, audience the service, carrying an <c>access</c> claim and the id of
/// the registry they were issued for in <see cref="RegistryClaim"/>) and refresh
/// tokens (header <c>typ: refresh</c>, audience the issuer, no access claim: rights are looked up when one is
/// exchanged) with the current ES256 key. Thread-safe.
/// </summary>
public sealed class TokenIssuer(SigningKeyRing keys, IOptions<AuthOptions> options, TimeProvider time)
{
    public const string AccessType = "JWT";
    public const string RefreshType = "refresh";

    /// <summary>The registry an access token is good for; requests to any other registry reject the token.</summary>
    public const string RegistryClaim = "berth_registry";

    private static readonly JsonWebTokenHandler Handler = new();

    public IssuedToken CreateAccessToken(string subject, string audience, long registryId, IReadOnlyList<AccessEntry> access) =>
        Create(AccessType, subject, audience, access, time.GetUtcNow(), options.Value.AccessTokenLifetime, registryId);

    public IssuedToken CreateRefreshToken(string subject) =>
        Create(RefreshType, subject, options.Value.Issuer, null, time.GetUtcNow(), options.Value.RefreshTokenLifetime);

    /// <summary>A token with explicit times (tests craft expired tokens with it).</summary>
    public IssuedToken Create(string type, string subject, string audience, IReadOnlyList<AccessEntry>? access, DateTimeOffset issuedAt, TimeSpan lifetime, long? registryId = null)
    {
        var expires = issuedAt + lifetime;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("iss", options.Value.Issuer);
            json.WriteString("sub", subject);
            json.WriteString("aud", audience);
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteNumber("nbf", issuedAt.ToUnixTimeSeconds());
            json.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            json.WriteString("jti", Guid.NewGuid().ToString("N"));
            if (registryId is { } registry)
            {
                json.WriteNumber(RegistryClaim, registry);
            }

            if (access is not null)
            {
                json.WriteStartArray("access");
                foreach (var a in access)
                {
                    json.WriteStartObject();
                    json.WriteString("type", a.Type);
                    json.WriteString("name", a.Name);
                    json.WriteStartArray("actions");
                    foreach (var action in a.Actions)
                    {
                        json.WriteStringValue(action);
                    }

                    json.WriteEndArray();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        var payload = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var token = Handler.CreateToken(payload, keys.Current, new Dictionary<string, object> { ["typ"] = type });
        return new IssuedToken(token, issuedAt, expires);
    }
}
