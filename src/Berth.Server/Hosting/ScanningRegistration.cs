using Berth.Core.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Server.Hosting;

/// <summary>Composition of vulnerability scanning: policies, the pull gate, the scan queue and its triggers.</summary>
internal static class ScanningRegistration
{
    public static IServiceCollection AddBerthScanning(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton<ScanPolicyService>();
        return services;
    }
}
