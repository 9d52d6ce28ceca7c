namespace Berth.Core.Identity;

/// <summary>Identity settings (section <c>Berth:Identity</c>). Defaults follow current guidance; tests lower the hash cost.</summary>
public sealed class IdentityOptions
{
    public const string Section = "Berth:Identity";

    /// <summary>
    /// PBKDF2-HMAC-SHA256 iterations for newly hashed secrets (OWASP 2023: 600,000). Stored hashes carry their own
    /// count, so raising this affects new secrets only and old ones keep verifying.
    /// </summary>
    public int PasswordHashIterations { get; set; } = 600_000;

    /// <summary>Shortest password accepted when a caller chooses one (generated secrets are 43 characters).</summary>
    public int MinimumPasswordLength { get; set; } = 12;

    /// <summary>How long a verified credential is served from memory before its hash is checked again.</summary>
    public TimeSpan CredentialCacheDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often a process re-reads the identity version written by other processes sharing the database.
    /// Changes made through this process invalidate its caches at once.
    /// </summary>
    public TimeSpan ChangePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most entries per in-memory cache; a full cache is emptied and refilled.</summary>
    public int CacheMaxEntries { get; set; } = 50_000;

    /// <summary>Failed logins for one username within <see cref="FailureWindow"/> before further attempts are refused.</summary>
    public int MaxFailuresPerIdentity { get; set; } = 10;

    /// <summary>Failed logins from one source address within <see cref="FailureWindow"/> before further attempts are refused.</summary>
    public int MaxFailuresPerAddress { get; set; } = 20;

    /// <summary>The sliding window over which failures are counted.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Lifetime of a service principal secret when the caller names none (ACR: one year).</summary>
    public TimeSpan ServicePrincipalSecretLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Most secrets a service principal may hold at once (each one costs a hash check on a cache miss).</summary>
    public int MaxServicePrincipalSecrets { get; set; } = 10;

    /// <summary>Username of the Owner created on first start when no users exist.</summary>
    public string InitialOwnerUsername { get; set; } = "owner";

    /// <summary>Password of that Owner; when null one is generated and handed back once to be printed.</summary>
    public string? InitialOwnerPassword { get; set; }

    /// <summary>Problems with these settings, empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PasswordHashIterations is < 1 or > 10_000_000)
        {
            errors.Add("PasswordHashIterations must be between 1 and 10,000,000");
        }

        if (MinimumPasswordLength is < 1 or > 128)
        {
            errors.Add("MinimumPasswordLength must be between 1 and 128");
        }

        if (CredentialCacheDuration < TimeSpan.Zero || CredentialCacheDuration > TimeSpan.FromMinutes(10))
        {
            errors.Add("CredentialCacheDuration must be between 0 and 10 minutes");
        }

        if (ChangePollInterval < TimeSpan.Zero || ChangePollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add("ChangePollInterval must be between 0 and 1 minute");
        }

        if (CacheMaxEntries < 1)
        {
            errors.Add("CacheMaxEntries must be positive");
        }

        if (MaxFailuresPerIdentity < 1 || MaxFailuresPerAddress < 1 || FailureWindow <= TimeSpan.Zero)
        {
            errors.Add("MaxFailuresPerIdentity, MaxFailuresPerAddress and FailureWindow must be positive");
        }

        if (ServicePrincipalSecretLifetime <= TimeSpan.Zero || MaxServicePrincipalSecrets < 1)
        {
            errors.Add("ServicePrincipalSecretLifetime and MaxServicePrincipalSecrets must be positive");
        }

        if (!Directories.IdentityNames.IsValidUsername(InitialOwnerUsername))
        {
            errors.Add("InitialOwnerUsername is not a valid username");
        }

        if (InitialOwnerPassword is not null && InitialOwnerPassword.Length < MinimumPasswordLength)
        {
            errors.Add($"InitialOwnerPassword must have at least {MinimumPasswordLength} characters");
        }

        return errors;
    }
}
