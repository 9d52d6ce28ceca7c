using Microsoft.Extensions.Options;

namespace Berth.Api.Auth;

/// <summary>The token service (section <c>Berth:Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Berth:Auth";

    /// <summary>How long an access token from <c>/oauth2/token</c> is valid.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a refresh token (login, <c>access_type=offline</c>, managed identity) is valid.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Tolerated clock difference when checking token lifetimes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>iss</c> of every token (and the audience of refresh tokens).</summary>
    public string Issuer { get; set; } = "berth";

    /// <summary>Absolute URL of the token endpoint in challenges; default <c>&lt;scheme&gt;://&lt;host&gt;/oauth2/token</c> of the request.</summary>
    public string? Realm { get; set; }

    /// <summary>The <c>service</c> of challenges and audience of access tokens; default the request's host.</summary>
    public string? Service { get; set; }

    /// <summary>Serve the managed identity endpoint on <c>&lt;data&gt;/run/identity.sock</c>.</summary>
    public bool IdentityEndpoint { get; set; } = true;
}

/// <summary>Start-up validation of <see cref="AuthOptions"/>.</summary>
public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var errors = new List<string>();
        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.AccessTokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"Berth:Auth:AccessTokenLifetime '{options.AccessTokenLifetime}' must be positive and at most one day");
        }

        if (options.RefreshTokenLifetime < options.AccessTokenLifetime || options.RefreshTokenLifetime > TimeSpan.FromDays(90))
        {
            errors.Add($"Berth:Auth:RefreshTokenLifetime '{options.RefreshTokenLifetime}' must be at least the access token lifetime and at most 90 days");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            errors.Add($"Berth:Auth:ClockSkew '{options.ClockSkew}' must be between 0 and 5 minutes");
        }

        if (string.IsNullOrWhiteSpace(options.Issuer) || options.Issuer.Any(c => c is '"' or '\\' || char.IsWhiteSpace(c)))
        {
            errors.Add("Berth:Auth:Issuer must be a non-empty name without spaces or quotes");
        }

        if (options.Realm is not null && (!Uri.TryCreate(options.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https") || options.Realm.Contains('"', StringComparison.Ordinal)))
        {
            errors.Add($"Berth:Auth:Realm '{options.Realm}' must be an absolute http(s) URL, e.g. https://registry.example.com/oauth2/token");
        }

        if (options.Service is not null && (options.Service.Length == 0 || options.Service.Any(c => c is '"' or '\\' || char.IsWhiteSpace(c))))
        {
            errors.Add($"Berth:Auth:Service '{options.Service}' must be a host name without spaces or quotes");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
