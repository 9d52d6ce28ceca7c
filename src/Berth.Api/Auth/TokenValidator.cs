using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Berth.Core.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Api.Auth;

public enum TokenKind
{
    Access,
    Refresh,
}

/// <summary>A token whose signature, algorithm, issuer, type and lifetime have been checked.</summary>
public sealed record ValidatedToken(TokenKind Kind, string Subject, string Audience, DateTimeOffset ExpiresAt, IReadOnlyList<AccessEntry> Access)
{
    /// <summary>The registry an access token was issued for (<see cref="TokenIssuer.RegistryClaim"/>); null when it names none.</summary>
    public long? RegistryId { get; init; }

    /// <summary>Repository actions the token's <c>access</c> claim carries for <paramref name="repository"/> (Docker actions mapped).</summary>
    public RepositoryAction ActionsOn(string repository)
    {
        var actions = RepositoryAction.None;
        foreach (var a in Access)
        {
            if (a.Type == AccessEntry.Repository && a.Name == repository)
            {
                foreach (var action in a.Actions)
                {
                    actions |= RepositoryActions.FromDockerAction(action);
                }
            }
        }

        return actions;
    }

    public bool Has(AccessEntry wanted) =>
        Access.Any(a => a.Type == wanted.Type && a.Name == wanted.Name && wanted.Actions.All(a.Has));
}

/// <summary>
/// Validates tokens strictly: ES256 only (so <c>alg: none</c> and every other algorithm fail), a <c>kid</c> of
/// a key in the ring, the issuer, the type (<c>JWT</c> for access, <c>refresh</c> for refresh tokens) and the
/// lifetime with a small clock skew. Valid tokens are cached by the SHA-256 of their text until they expire,
/// so the hot path is one hash and one dictionary lookup. Audience checks are the caller's (it depends on the
/// request's host). Thread-safe.
/// </summary>
public sealed class TokenValidator
{
    private const int MaxCached = 20_000;
    private static readonly JsonWebTokenHandler Handler = new();

    private readonly ConcurrentDictionary<TokenKey, ValidatedToken> _cache = new();
    private readonly TimeProvider _time;
    private readonly AuthOptions _options;
    private readonly TokenValidationParameters _access;
    private readonly TokenValidationParameters _refresh;

    public TokenValidator(SigningKeyRing keys, IOptions<AuthOptions> options, TimeProvider time)
    {
        _time = time;
        _options = options.Value;
        _access = Parameters(keys, TokenIssuer.AccessType);
        _refresh = Parameters(keys, TokenIssuer.RefreshType);
    }

    /// <summary>The token's content if it is a valid, unexpired token of <paramref name="kind"/>; null otherwise.</summary>
    public async ValueTask<ValidatedToken?> ValidateAsync(string token, TokenKind kind)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16 * 1024)
        {
            return null;
        }

        var key = TokenKey.Of(token);
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(key, out var cached))
        {
            if (cached.ExpiresAt + _options.ClockSkew > now)
            {
                return cached.Kind == kind ? cached : null;
            }

            _cache.TryRemove(key, out _);
            return null;
        }

        var result = await Handler.ValidateTokenAsync(token, kind == TokenKind.Access ? _access : _refresh);
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt || ToValidated(jwt, kind) is not { } validated)
        {
            return null;
        }

        if (kind == TokenKind.Refresh && validated.Audience != _options.Issuer)
        {
            return null;
        }

        if (_cache.Count >= MaxCached)
        {
            Prune(now);
        }

        _cache[key] = validated;
        return validated;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (k, v) in _cache)
        {
            if (v.ExpiresAt + _options.ClockSkew <= now)
            {
                _cache.TryRemove(k, out _);
            }
        }

        if (_cache.Count >= MaxCached)
        {
            _cache.Clear();
        }
    }

    private TokenValidationParameters Parameters(SigningKeyRing keys, string type) => new()
    {
        ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
        ValidTypes = [type],
        ValidIssuer = _options.Issuer,
        ValidateIssuer = true,
        ValidateAudience = false,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        TryAllIssuerSigningKeys = false,
        IssuerSigningKeyResolver = (_, _, kid, _) => keys.FindVerificationKey(kid) is { } k ? [k] : [],
        LifetimeValidator = ValidateLifetime,
        ClockSkew = _options.ClockSkew,
    };

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return expires is { } exp && exp + _options.ClockSkew > now && (notBefore is not { } nbf || nbf - _options.ClockSkew <= now);
    }

    private static ValidatedToken? ToValidated(JsonWebToken jwt, TokenKind kind)
    {
        var audience = jwt.Audiences.SingleOrDefault();
        if (string.IsNullOrEmpty(jwt.Subject) || audience is null)
        {
            return null;
        }

        var access = new List<AccessEntry>();
        using var payload = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.EncodedPayload));
        if (payload.RootElement.TryGetProperty("access", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object
                    && item.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                    && item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String
                    && item.TryGetProperty("actions", out var a) && a.ValueKind == JsonValueKind.Array)
                {
                    var actions = a.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList();
                    access.Add(new AccessEntry(t.GetString()!, n.GetString()!, actions));
                }
            }
        }

        long? registryId = payload.RootElement.TryGetProperty(TokenIssuer.RegistryClaim, out var r) && r.ValueKind == JsonValueKind.Number && r.TryGetInt64(out var id) ? id : null;
        return new ValidatedToken(kind, jwt.Subject, audience, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero), access) { RegistryId = registryId };
    }

    /// <summary>SHA-256 of the token text: the cache never holds bearer tokens themselves.</summary>
    private readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D)
    {
        public static TokenKey Of(string token)
        {
            Span<byte> hash = stackalloc byte[32];
            var max = Encoding.UTF8.GetMaxByteCount(token.Length);
            Span<byte> bytes = max <= 4096 ? stackalloc byte[max] : new byte[max];
            var n = Encoding.UTF8.GetBytes(token, bytes);
            SHA256.HashData(bytes[..n], hash);
            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return new TokenKey(words[0], words[1], words[2], words[3]);
        }
    }
}
