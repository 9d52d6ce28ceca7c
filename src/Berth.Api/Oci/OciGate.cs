using System.Text.Json;
using Berth.Api.Auth;
using Berth.Api.Errors;
using Berth.Core.Errors;
using Berth.Core.Identity;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Api.Oci;

/// <summary>
/// Authentication and authorization of every <c>/v2/</c> request, before its handler runs. The caller comes from
/// <see cref="RequestAuthenticator"/>; the decision from <see cref="AccessPolicy"/> with the caller's live grants
/// and the addressed object's locks; a bearer token must also carry the action (Docker semantics). Answers
/// 401 with a challenge naming the scope the request needs, 403 DENIED with the policy's reason, or 429.
/// Thread-safe.
/// </summary>
public sealed class OciGate(
    RequestAuthenticator authenticator,
    IAuthenticator identities,
    IRegistryAccessSettings settings,
    ILockStore locks,
    IUploadOwners owners,
    IOptions<AuthOptions> authOptions,
    IOptions<RegistryOptions> registryOptions)
{
    /// <summary>The authorized caller, or null when the response (401/403/429/404) has been written.</summary>
    public async Task<OciCaller?> AuthorizeAsync(HttpContext context, OciRoute route, long registryId)
    {
        var ct = context.RequestAborted;
        var need = OciAccess.For(route.Kind, context.Request.Method);
        if (need.IsRepository)
        {
            RepositoryResolver.Validate(route.Name);
        }

        var scope = need.IsRepository ? $"repository:{route.Name}:{need.ChallengeActions}"
            : route.Kind == OciRouteKind.Catalog ? "registry:catalog:*" : null;
        var outcome = await authenticator.AuthenticateAsync(context, registryId);
        if (outcome.Caller is not { } caller)
        {
            await FailAsync(context, outcome, scope);
            return null;
        }

        var oci = new OciCaller(caller, registryId, identities, locks, owners);
        if (!need.IsRepository)
        {
            return await AuthorizeRegistryRouteAsync(context, route, caller, registryId, scope) ? oci : null;
        }

        var (tag, manifest) = route.Kind == OciRouteKind.Manifest ? Target(route.Reference) : (null, null);
        var objectLocks = await locks.GetEffectiveAsync(registryId, route.Name, tag, manifest, ct);
        oci.Locks = objectLocks;
        var grants = await oci.GrantsAsync(ct);
        var decision = AccessPolicy.Decide(caller.Principal, grants, registryId, route.Name, need.Action, objectLocks, need.Write);
        if (!decision.Allowed && route.Kind == OciRouteKind.Manifest && manifest is not null && HttpMethods.IsPut(context.Request.Method))
        {
            // A manifest with a subject pushed by digest is a signature: signers may push it. Only now is the body read.
            oci.ManifestBody = await ManifestHandlers.ReadBodyAsync(context.Request, registryOptions.Value.MaxManifestBytes, ct);
            if (HasSubject(oci.ManifestBody))
            {
                decision = AccessPolicy.Decide(caller.Principal, grants, registryId, route.Name, need.Action, objectLocks, AccessPolicy.WriteKind.Referrer);
            }
        }

        if (!decision.Allowed)
        {
            await DenyAsync(context, caller, scope, decision.Reason);
            return null;
        }

        if (caller.Token is { } token && (token.ActionsOn(route.Name) & need.Action) != need.Action)
        {
            context.Response.Headers.WWWAuthenticate = Challenge.Bearer(context.Request, authOptions.Value, scope, "insufficient_scope");
            await ErrorWriter.WriteAsync(context, ErrorCodes.Unauthorized, $"the access token does not grant {scope}; request a token for that scope");
            return null;
        }

        if (route.Kind == OciRouteKind.Upload && !await OwnsUploadAsync(route.Reference, caller.Principal, ct))
        {
            // Someone else's session: answer exactly as for a session that does not exist.
            await ErrorWriter.WriteAsync(context, ErrorCodes.BlobUploadUnknown, $"upload {route.Reference} is unknown, finished, cancelled or expired");
            return null;
        }

        return oci;
    }

    // Base, catalog and unknown paths: any caller, but anonymous ones only where anonymous pull is on, and never
    // without a token on /v2/ itself: clients learn there whether (and where) to authenticate.
    private async Task<bool> AuthorizeRegistryRouteAsync(HttpContext context, OciRoute route, Caller caller, long registryId, string? scope)
    {
        if (caller.Principal.IsAnonymous
            && ((route.Kind == OciRouteKind.Base && !caller.PresentedCredentials) || !await settings.IsAnonymousPullEnabledAsync(registryId, context.RequestAborted)))
        {
            await ChallengeAsync(context, scope, "authentication required");
            return false;
        }

        if (route.Kind == OciRouteKind.Catalog && caller.Token is { } token && !token.Has(AccessEntry.Catalog))
        {
            context.Response.Headers.WWWAuthenticate = Challenge.Bearer(context.Request, authOptions.Value, scope, "insufficient_scope");
            await ErrorWriter.WriteAsync(context, ErrorCodes.Unauthorized, "the access token does not grant registry:catalog:*; request a token for that scope");
            return false;
        }

        return true;
    }

    private async Task<bool> OwnsUploadAsync(string reference, Principal principal, CancellationToken ct)
    {
        if (!Guid.TryParseExact(reference, "N", out var id) && !Guid.TryParseExact(reference, "D", out id))
        {
            return true; // the handler answers BLOB_UPLOAD_UNKNOWN for a malformed id
        }

        var owner = await owners.GetOwnerAsync(id, ct);
        return !owner.Exists || owner.PrincipalId is null || owner.PrincipalId == principal.Id;
    }

    private Task FailAsync(HttpContext context, AuthOutcome outcome, string? scope)
    {
        if (outcome.Failure == AuthenticationFailure.RateLimited)
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(outcome.RetryAfter?.TotalSeconds ?? 60)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ErrorWriter.WriteAsync(context, ErrorCodes.TooManyRequests, outcome.Message);
        }

        return ChallengeAsync(context, scope, outcome.Message ?? "authentication required", "invalid_token");
    }

    private Task DenyAsync(HttpContext context, Caller caller, string? scope, string reason) =>
        caller.Principal.IsAnonymous
            ? ChallengeAsync(context, scope, reason)
            : ErrorWriter.WriteAsync(context, ErrorCodes.Denied, reason);

    private Task ChallengeAsync(HttpContext context, string? scope, string message, string? error = null)
    {
        var bearerError = error is not null && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? error : null;
        context.Response.Headers.WWWAuthenticate = Challenge.Bearer(context.Request, authOptions.Value, scope, bearerError);
        return ErrorWriter.WriteAsync(context, ErrorCodes.Unauthorized, message);
    }

    private static (string? Tag, Digest? Digest) Target(string reference)
    {
        var r = ManifestReference.Parse(reference);
        return (r.Tag, r.Digest);
    }

    private static bool HasSubject(byte[] body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object
                && doc.RootElement.TryGetProperty("subject", out var subject) && subject.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false; // the handler reports the malformed manifest if the caller may push at all
        }
    }
}
