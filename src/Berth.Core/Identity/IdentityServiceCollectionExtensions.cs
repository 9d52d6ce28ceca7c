using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Authentication;
using Berth.Core.Identity.Caching;
using Berth.Core.Identity.Directories;
using Berth.Core.Identity.Locks;
using Berth.Core.Identity.Secrets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Berth.Core.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Registers the identity services as singletons: every identity contract (<see cref="IAuthenticator"/>,
    /// the directories, <see cref="IAdminUserService"/>, <see cref="IRegistryAccessSettings"/>,
    /// <see cref="ILockStore"/>, <see cref="IAuditLog"/>), the concrete classes behind them, and
    /// <see cref="IdentityBootstrap"/>. <see cref="IdentityOptions"/> bind from the <c>Berth:Identity</c> section of
    /// <paramref name="configuration"/> (when given), then <paramref name="configure"/>, and are validated on first
    /// use. The stores come from a provider (for SQLite: <c>AddSqliteIdentity()</c>).
    /// </summary>
    public static IServiceCollection AddBerthIdentity(this IServiceCollection services, IConfiguration? configuration = null, Action<IdentityOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<IdentityOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(IdentityOptions.Section));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton<SecretHasher>();
        services.TryAddSingleton<IdentityVersion>();
        services.TryAddSingleton<AuditEntries>();
        services.TryAddSingleton<OwnerGuard>();
        services.TryAddSingleton<CredentialVerifier>();
        services.TryAddSingleton<ActivePrincipals>();
        services.TryAddSingleton<GrantResolver>();
        services.TryAddSingleton<IdentityBootstrap>();
        Add<IAuditLog, AuditLog>(services);
        Add<IAuthenticator, Authenticator>(services);
        Add<IUserDirectory, UserDirectory>(services);
        Add<IServicePrincipalDirectory, ServicePrincipalDirectory>(services);
        Add<IManagedIdentityDirectory, ManagedIdentityDirectory>(services);
        Add<IRepositoryTokenDirectory, RepositoryTokenDirectory>(services);
        Add<IScopeMapDirectory, ScopeMapDirectory>(services);
        Add<IRoleAssignmentDirectory, RoleAssignmentDirectory>(services);
        Add<IAdminUserService, AdminUserService>(services);
        Add<IRegistryAccessSettings, RegistryAccessSettings>(services);
        Add<ILockStore, LockStore>(services);
        return services;
    }

    // One instance serves both the contract and the concrete class (LockStore.GetOwnAsync is concrete-only).
    private static void Add<TContract, TImplementation>(IServiceCollection services)
        where TContract : class
        where TImplementation : class, TContract
    {
        services.TryAddSingleton<TImplementation>();
        services.TryAddSingleton<TContract>(sp => sp.GetRequiredService<TImplementation>());
    }

    private sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
    {
        public ValidateOptionsResult Validate(string? name, IdentityOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors.Select(e => $"Berth:Identity: {e}"));
        }
    }
}
