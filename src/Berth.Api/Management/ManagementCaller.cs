using System.Reflection;
using Berth.Core.Identity;
using Microsoft.AspNetCore.Http;

namespace Berth.Api.Management;

/// <summary>
/// The authenticated caller of a management endpoint, bound as a handler parameter. Minimal APIs bind parameters
/// before endpoint filters run, so this reads what the authentication filter recorded only when used (by then
/// the filter has run). Every mutation passes <see cref="Principal"/> to Core services as the audited actor.
/// </summary>
public sealed class ManagementCaller
{
    private static readonly object Key = new();
    private readonly HttpContext _context;

    private ManagementCaller(HttpContext context) => _context = context;

    public Principal Principal => Authenticated.Principal;

    public string? SourceAddress => Authenticated.SourceAddress;

    public string RequestId => _context.TraceIdentifier;

    private Entry Authenticated => _context.Items[Key] as Entry
        ?? throw new InvalidOperationException("management endpoint mapped outside the authenticated group");

    internal static void Attach(HttpContext context, Principal principal, string? sourceAddress) => context.Items[Key] = new Entry(principal, sourceAddress);

    /// <summary>Minimal-API binding hook.</summary>
    public static ValueTask<ManagementCaller?> BindAsync(HttpContext context, ParameterInfo parameter) => ValueTask.FromResult<ManagementCaller?>(new ManagementCaller(context));

    public static ManagementCaller From(HttpContext context) => new(context);

    private sealed record Entry(Principal Principal, string? SourceAddress);
}
