using System.Reflection;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Management;

/// <summary>
/// The authenticated caller of a management endpoint, set by the API's authentication filter and bound as a
/// handler parameter. Every mutation passes <see cref="Principal"/> to Core services as the audited actor.
/// </summary>
public sealed class ManagementCaller(Principal principal, string? sourceAddress, string requestId)
{
    private static readonly object Key = new();

    public Principal Principal => principal;

    public string? SourceAddress => sourceAddress;

    public string RequestId => requestId;

    internal void Attach(HttpContext context) => context.Items[Key] = this;

    /// <summary>The caller of this request; throws when the authentication filter did not run (a mapping bug).</summary>
    public static ManagementCaller From(HttpContext context) =>
        context.Items[Key] as ManagementCaller ?? throw new InvalidOperationException("management endpoint mapped outside the authenticated group");

    /// <summary>Minimal-API binding hook.</summary>
    public static ValueTask<ManagementCaller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<ManagementCaller?>(From(context));
}
