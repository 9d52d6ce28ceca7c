using Berth.Core.Events;
using Berth.Core.Jobs;
using Berth.Core.Registries;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Core.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>
    /// Registers webhooks: <see cref="WebhookService"/>, the outbox consumer, the dispatcher and its jobs, the address
    /// guard, <see cref="WebhookMetrics"/>, <see cref="WebhookOptions"/> bound from <c>Berth:Webhooks</c> (validated at
    /// start) and the secret box over <paramref name="keyFile"/>. The registry directory and SKU options come from <c>AddBerthRegistries</c>.
    /// The stores come from the metadata provider.
    /// </summary>
    public static IServiceCollection AddBerthWebhooks(this IServiceCollection services, IConfiguration configuration, string keyFile)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.AddSingleton<IWebhookCounter, WebhookCounter>();
        services.AddSingleton(_ => new SecretBox(keyFile));
        services.AddSingleton<WebhookSealing>()
            .AddSingleton<AddressGuard>()
            .AddSingleton<WebhookSender>()
            .AddSingleton<WebhookMetrics>()
            .AddSingleton<WebhookDispatcher>()
            .AddSingleton<WebhookService>()
            .AddSingleton<IEventConsumer, WebhookConsumer>()
            .AddSingleton<IScheduledJob, WebhookRetryJob>()
            .AddSingleton<IScheduledJob, WebhookLogRetentionJob>();
        return services;
    }
}
