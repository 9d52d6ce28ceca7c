using System.Net;
using System.Threading.RateLimiting;
using Berth.Api.Errors;
using Berth.Core.Errors;
using Berth.Core.Identity;
using Berth.Core.Registries;
using Berth.Core.Registries.Network;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Berth.Api.Limits;

/// <summary>
/// Applies a registry's network rules to a data-plane (<c>/v2</c>) or token-service request, before credentials
/// are read: a denied address learns nothing about accounts. The client address is the connection's remote
/// address (rewritten from <c>X-Forwarded-For</c> only for connections from <c>Berth:Network:TrustedProxies</c>).
/// Denials answer 403 DENIED naming the address and are audited as <c>network.denied</c>; to keep a flood of denied
/// requests from flooding the audit log, at most <see cref="AuditedDenialsPerMinute"/> denials per registry and
/// address are recorded each minute (the rest are counted in a warning). The management API is not gated: network
/// rules do not lock administrators out of the control plane. Thread-safe.
/// </summary>
public sealed partial class NetworkGate(IAuditLog audit, TimeProvider time, ILogger<NetworkGate> logger) : IDisposable
{
    /// <summary>Denials audited per registry and client address each minute.</summary>
    public const int AuditedDenialsPerMinute = 10;

    private readonly PartitionedRateLimiter<(long, string)> _auditAllowance = PartitionedRateLimiter.Create<(long, string), (long, string)>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = AuditedDenialsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));

    /// <summary>True when the request may go on; otherwise the 403 has been written and the denial audited.</summary>
    public async ValueTask<bool> AdmitAsync(HttpContext context, RegistryInfo registry)
    {
        var rules = registry.NetworkRules;
        if (!NetworkAccess.Restricts(rules))
        {
            return true;
        }

        var remote = context.Connection.RemoteIpAddress;
        var decision = NetworkAccess.Decide(rules, remote);
        if (decision.Allowed)
        {
            return true;
        }

        await RecordAsync(context, registry, remote, decision.Reason!);
        await ErrorWriter.WriteAsync(context, ErrorCodes.Denied, $"{decision.Reason} (registry '{registry.Name}')");
        return false;
    }

    public void Dispose() => _auditAllowance.Dispose();

    private async Task RecordAsync(HttpContext context, RegistryInfo registry, IPAddress? remote, string reason)
    {
        var address = remote is null ? null : CidrRange.Client(remote).ToString();
        using var lease = _auditAllowance.AttemptAcquire((registry.Id, address ?? string.Empty));
        if (!lease.IsAcquired)
        {
            LogSuppressed(logger, registry.Name, address);
            return;
        }

        var request = context.Request;
        var detail = $"{request.Method} {request.Path}: {reason}";
        var entry = new AuditEntry(time.GetUtcNow(), "network.denied", Principal.Anonymous.Id, $"registries/{registry.Name}",
            address, context.TraceIdentifier, Success: false, detail);
        await audit.AppendAsync(entry, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Network rules of registry {Registry} denied {Address} again; more than the audited denials per minute, not audited one by one")]
    private static partial void LogSuppressed(ILogger logger, string registry, string? address);
}
