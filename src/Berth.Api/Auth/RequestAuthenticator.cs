using System.Text;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Api.Auth;

/// <summary>Who sent a request, and with which token (null for Basic credentials and for no credentials).</summary>
public sealed record Caller(Principal Principal, ValidatedToken? Token, bool PresentedCredentials)
{
    public static Caller Anonymous { get; } = new(Principal.Anonymous, null, false);
}

/// <summary>The outcome of reading a request's credentials: a caller, or why there is none.</summary>
public sealed record AuthOutcome(Caller? Caller, AuthenticationFailure Failure, string? Message = null, TimeSpan? RetryAfter = null)
{
    public static AuthOutcome Of(Caller caller) => new(caller, AuthenticationFailure.None);

    public static AuthOutcome Invalid(string message) => new(null, AuthenticationFailure.InvalidCredentials, message);
}

/// <summary>
/// Turns an <c>Authorization</c> header into a caller: <c>Bearer</c> access tokens (validated, then the principal
/// looked up live so deleted or disabled identities stop at once), <c>Basic</c> credentials (via
/// <see cref="IAuthenticator"/>, including a refresh token as password for username
/// <see cref="RefreshTokenUsername"/>), or no header (anonymous). Thread-safe.
/// </summary>
public sealed class RequestAuthenticator(IAuthenticator identities, TokenValidator tokens, IOptions<AuthOptions> options)
{
    /// <summary>The username Docker and podman send with an identity (refresh) token.</summary>
    public const string RefreshTokenUsername = "00000000-0000-0000-0000-000000000000";

    private const string InvalidToken = "the access token is invalid or expired; request a new one from the token service";
    private const string InvalidCredentials = "invalid username or password";

    public async Task<AuthOutcome> AuthenticateAsync(HttpContext context, long registryId)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthOutcome.Of(Caller.Anonymous);
        }

        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var audience = Challenge.Service(context.Request, options.Value);
            var token = await tokens.ValidateAsync(header[7..].Trim(), TokenKind.Access);
            if (token is null || !string.Equals(token.Audience, audience, StringComparison.OrdinalIgnoreCase))
            {
                return AuthOutcome.Invalid(InvalidToken);
            }

            // Strict isolation: an access token is good only at the registry it was issued for.
            if (token.RegistryId != registryId)
            {
                return AuthOutcome.Invalid("the access token was issued for another registry; request one from this registry's token service");
            }

            var principal = await ActiveAsync(token.Subject, context.RequestAborted);
            return principal is null
                ? AuthOutcome.Invalid("the identity this token was issued to no longer exists or is disabled")
                : AuthOutcome.Of(new Caller(principal, token, true));
        }

        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            if (!TryDecodeBasic(header[6..].Trim(), out var username, out var secret))
            {
                return AuthOutcome.Invalid("malformed Basic credentials");
            }

            return await AuthenticateBasicAsync(registryId, username, secret, context);
        }

        return AuthOutcome.Invalid("unsupported authorization scheme; use Basic or Bearer");
    }

    /// <summary>Username and secret (or the refresh-token username and a refresh token), as the token service also accepts them.</summary>
    public async Task<AuthOutcome> AuthenticateBasicAsync(long registryId, string username, string secret, HttpContext context)
    {
        if (username == RefreshTokenUsername)
        {
            var owner = await RedeemRefreshTokenAsync(secret, context.RequestAborted);
            return owner is null
                ? AuthOutcome.Invalid("the refresh token is invalid or expired; log in again")
                : AuthOutcome.Of(new Caller(owner, null, true));
        }

        var source = context.Connection.RemoteIpAddress?.ToString();
        var result = await identities.AuthenticateAsync(registryId, username, secret, source, context.RequestAborted);
        return result switch
        {
            { Principal: { } p } => AuthOutcome.Of(new Caller(p, null, true)),
            { Failure: AuthenticationFailure.RateLimited } => new AuthOutcome(null, AuthenticationFailure.RateLimited,
                "too many failed logins; try again later", result.RetryAfter ?? TimeSpan.FromSeconds(60)),
            _ => new AuthOutcome(null, result.Failure, InvalidCredentials),
        };
    }

    /// <summary>A refresh token's principal if the token is valid and the principal may still act.</summary>
    public async Task<Principal?> RedeemRefreshTokenAsync(string refreshToken, CancellationToken ct)
    {
        var refresh = await tokens.ValidateAsync(refreshToken, TokenKind.Refresh);
        var principal = refresh is null ? null : await ActiveAsync(refresh.Subject, ct);
        return principal is { IsAnonymous: false } ? principal : null;
    }

    private async Task<Principal?> ActiveAsync(string subject, CancellationToken ct) =>
        subject == Principal.Anonymous.Id ? Principal.Anonymous : await identities.GetActiveAsync(subject, ct);

    private static bool TryDecodeBasic(string encoded, out string username, out string secret)
    {
        username = secret = string.Empty;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            username = text[..colon];
            secret = text[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
