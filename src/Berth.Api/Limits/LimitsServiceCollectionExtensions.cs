using Microsoft.Extensions.DependencyInjection;

namespace Berth.Api.Limits;

public static class LimitsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the data plane's network-rule gate and SKU operation throttle. Needs <see cref="Core.Registries.SkuOptions"/>
    /// bound, an <see cref="Core.Identity.IAuditLog"/> and a <see cref="TimeProvider"/>.
    /// </summary>
    public static IServiceCollection AddRegistryLimits(this IServiceCollection services) => services
        .AddSingleton<OperationThrottle>()
        .AddSingleton<ThrottleGate>()
        .AddSingleton<NetworkGate>();
}
