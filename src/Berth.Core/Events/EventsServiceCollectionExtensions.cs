using Berth.Core.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Core.Events;

public static class EventsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the outbox machinery: <see cref="EventSignal"/>, <see cref="EventConsumerRunner"/> (the host starts
    /// it), the retention job and <see cref="EventOptions"/> bound from <c>Berth:Events</c> and validated at start.
    /// The <see cref="IEventOutbox"/> comes from the metadata provider; consumers register themselves as
    /// <see cref="IEventConsumer"/> singletons.
    /// </summary>
    public static IServiceCollection AddBerthEvents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<EventOptions>().Bind(configuration.GetSection(EventOptions.Section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<EventOptions>, EventOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<EventSignal>();
        services.TryAddSingleton<EventConsumerRunner>();
        services.AddSingleton<IScheduledJob, OutboxRetentionJob>();
        return services;
    }
}
