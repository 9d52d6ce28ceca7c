using System.Globalization;
using Berth.Api.Errors;
using Berth.Api.Oci;
using Berth.Core.Errors;
using Berth.Core.Registries;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Api.Limits;

/// <summary>
/// Applies the SKU's operation rates to authorized <c>/v2</c> requests: GET/HEAD count as reads, POST/PATCH/PUT/DELETE
/// as writes. The API base (<c>/v2/</c>) does not count: clients probe it before every operation to learn how to
/// authenticate, and it touches no content. Requests refused by authentication or authorization do not count
/// either (they are no operations; failed logins have their own lockout). Over the rate: 429 TOOMANYREQUESTS with
/// <c>Retry-After</c> in whole seconds. The default registry is exempt unless
/// <see cref="RegistriesOptions.ThrottleDefaultRegistry"/> is set. No I/O. Thread-safe.
/// </summary>
public sealed class ThrottleGate(OperationThrottle throttle, IOptions<RegistriesOptions> options)
{
    private readonly RegistriesOptions registries = options.Value;

    /// <summary>True when the operation may run; otherwise the 429 has been written.</summary>
    public ValueTask<bool> AdmitAsync(HttpContext context, RegistryInfo registry, OciRouteKind route)
    {
        if (route == OciRouteKind.Base
            || (!registries.ThrottleDefaultRegistry && string.Equals(registry.Name, registries.DefaultRegistry, StringComparison.OrdinalIgnoreCase)))
        {
            return ValueTask.FromResult(true);
        }

        var method = context.Request.Method;
        var kind = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) ? OperationKind.Read : OperationKind.Write;
        var decision = throttle.TryAcquire(registry, kind);
        return decision.Allowed ? ValueTask.FromResult(true) : new ValueTask<bool>(RefuseAsync(context, registry, kind, decision.RetryAfter));
    }

    private static async Task<bool> RefuseAsync(HttpContext context, RegistryInfo registry, OperationKind kind, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var what = kind == OperationKind.Read ? "read" : "write";
        await ErrorWriter.WriteAsync(context, ErrorCodes.TooManyRequests,
            $"registry '{registry.Name}' ({registry.Sku}) is over its {what} operations per minute; retry after {seconds} s or move it to a higher SKU");
        return false;
    }
}
