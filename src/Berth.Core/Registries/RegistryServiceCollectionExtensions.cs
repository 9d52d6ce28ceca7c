using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Core.Registries;

public static class RegistryServiceCollectionExtensions
{
    /// <summary>
    /// Registers registries as resources: <see cref="RegistriesOptions"/> (<c>Berth:Registries</c> of
    /// <paramref name="configuration"/> when given, then <paramref name="configure"/>) and <see cref="SkuOptions"/>
    /// (<c>Berth:Skus</c>), both validated at start-up, the cached
    /// <see cref="IRegistryDirectory"/>, <see cref="IRegistryLimits"/> and <see cref="RegistryManager"/>. The
    /// <see cref="IRegistryStore"/> comes from a metadata provider; the identity services must be registered too.
    /// </summary>
    public static IServiceCollection AddBerthRegistries(this IServiceCollection services, IConfiguration? configuration = null, Action<RegistriesOptions>? configure = null)
    {
        var registries = services.AddOptions<RegistriesOptions>();
        var skus = services.AddOptions<SkuOptions>();
        if (configuration is not null)
        {
            registries.Bind(configuration.GetSection(RegistriesOptions.Section));
            skus.Bind(configuration.GetSection(SkuOptionsValidator.Section));
        }

        if (configure is not null)
        {
            registries.Configure(configure);
        }

        registries.ValidateOnStart();
        skus.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RegistriesOptions>, RegistriesOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SkuOptions>, SkuOptionsValidator>());
        services.TryAddSingleton<RegistryDirectory>();
        services.TryAddSingleton<IRegistryDirectory>(sp => sp.GetRequiredService<RegistryDirectory>());
        services.TryAddSingleton<RegistryLimits>();
        services.TryAddSingleton<IRegistryLimits>(sp => sp.GetRequiredService<RegistryLimits>());
        services.TryAddSingleton<RegistryManager>();
        return services;
    }
}

/// <summary>Start-up validation of <see cref="SkuOptions"/>: each tier's figures by their data annotations.</summary>
public sealed class SkuOptionsValidator : IValidateOptions<SkuOptions>
{
    public const string Section = "Berth:Skus";

    public ValidateOptionsResult Validate(string? name, SkuOptions options)
    {
        var errors = new List<string>();
        foreach (var sku in Enum.GetValues<Sku>())
        {
            var limits = options.For(sku);
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(limits, new ValidationContext(limits), results, validateAllProperties: true))
            {
                errors.AddRange(results.Select(r => $"{Section}:{sku}: {r.ErrorMessage}"));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
