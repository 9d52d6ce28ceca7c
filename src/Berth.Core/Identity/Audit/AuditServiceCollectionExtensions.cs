using Berth.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// Registers the audit log's services beyond <see cref="IAuditLog"/>: <see cref="AuditOptions"/> (section
    /// <c>Berth:Audit</c>, validated at start-up), the data-plane <see cref="AuditQueue"/> (its writer loop is
    /// started by the host), <see cref="AuditVerifier"/> and the retention job.
    /// </summary>
    public static IServiceCollection AddBerthAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>());
        services.TryAddSingleton<AuditQueue>();
        services.TryAddSingleton<AuditVerifier>();
        services.TryAddSingleton<AuditRetentionJob>();
        services.AddSingleton<IScheduledJob>(sp => sp.GetRequiredService<AuditRetentionJob>());
        return services;
    }
}
