using Berth.Core.Identity;
using Berth.Core.Identity.Audit;
using Berth.Core.Identity.Locks;
using Berth.Core.Registries;
using Berth.Metadata.Sqlite;
using Berth.Metadata.Sqlite.Database;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Berth.Identity.Tests.Infrastructure;

/// <summary>
/// The real identity stack as the server wires it (AddSqliteMetadata + AddSqliteIdentity + AddBerthIdentity) over a
/// fresh SQLite file in a temp directory, with a manual clock and a cheap hash cost.
/// </summary>
public sealed class IdentityHarness : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public const long Registry = 1;

    private readonly bool ownsDirectory;

    public IdentityHarness(Action<IdentityOptions>? configure = null, string? databaseFile = null)
    {
        ownsDirectory = databaseFile is null;
        Directory = databaseFile is null ? Path.Combine(Path.GetTempPath(), "berth-identity-tests", Guid.NewGuid().ToString("N")) : Path.GetDirectoryName(databaseFile)!;
        FilePath = databaseFile ?? Path.Combine(Directory, "berth.db");
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddSqliteMetadata(FilePath, o => o.Synchronous = "NORMAL")
            .AddSqliteIdentity()
            .AddBerthIdentity(configure: o =>
            {
                o.PasswordHashIterations = 1_000;
                configure?.Invoke(o);
            })
            .AddBerthRegistries(configure: o => o.Domain = "registry.test");
        Provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public ManualTime Time { get; } = new(T0);

    public ServiceProvider Provider { get; }

    public string Directory { get; }

    public string FilePath { get; }

    /// <summary>Who makes changes in tests.</summary>
    public static Principal Actor { get; } = new("usr_tester", PrincipalKind.User, "tester");

    public static CancellationToken Ct => CancellationToken.None;

    public IUserDirectory Users => Get<IUserDirectory>();

    public IServicePrincipalDirectory ServicePrincipals => Get<IServicePrincipalDirectory>();

    public IManagedIdentityDirectory ManagedIdentities => Get<IManagedIdentityDirectory>();

    public IRepositoryTokenDirectory Tokens => Get<IRepositoryTokenDirectory>();

    public IScopeMapDirectory ScopeMaps => Get<IScopeMapDirectory>();

    public IRoleAssignmentDirectory Roles => Get<IRoleAssignmentDirectory>();

    public IAdminUserService Admin => Get<IAdminUserService>();

    public IRegistryAccessSettings Settings => Get<IRegistryAccessSettings>();

    public IAuthenticator Auth => Get<IAuthenticator>();

    public RegistryManager Registries => Get<RegistryManager>();

    public IRegistryDirectory RegistryDirectory => Get<IRegistryDirectory>();

    public ILockStore Locks => Get<ILockStore>();

    public LockStore LockStore => Get<LockStore>();

    public IAuditLog Audit => Get<IAuditLog>();

    public IdentityBootstrap Bootstrap => Get<IdentityBootstrap>();

    public T Get<T>() where T : notnull => Provider.GetRequiredService<T>();

    public Task<AuthenticationResult> Login(string username, string secret, string? address = "192.0.2.1", long registry = Registry) =>
        Auth.AuthenticateAsync(registry, username, secret, address, Ct);

    /// <summary>Every audit entry so far, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditTrail() => await Audit.ReadAsync(0, 1000, Ct);

    public SqliteConnection Raw()
    {
        var database = Get<SqliteDatabase>();
        database.EnsureMigrated();
        var connection = new SqliteConnection(database.ConnectionString);
        connection.Open();
        return connection;
    }

    public long Scalar(string sql, object? args = null)
    {
        using var c = Raw();
        return c.ExecuteScalar<long>(sql, args);
    }

    public long AddRegistry(string name)
    {
        using var c = Raw();
        return c.ExecuteScalar<long>("INSERT INTO registries (name, created_at) VALUES (@name, 0) RETURNING id;", new { name });
    }

    public void Dispose()
    {
        Provider.Dispose();
        SqliteConnection.ClearAllPools();
        if (!ownsDirectory)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not a test failure.
        }
    }
}
