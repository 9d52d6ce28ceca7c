namespace Berth.Core.Registries;

/// <summary>
/// A registry as stored: what <see cref="RegistryInfo"/> shows plus the storage it uses. The admin-user flag is
/// the admin principal's enabled state (one source of truth with the identity services).
/// </summary>
/// <param name="StorageBytes">Unique blob bytes the registry holds (a blob linked into several repositories counts once).</param>
public sealed record RegistryRecord(
    long Id,
    string Name,
    Sku Sku,
    bool AdminUserEnabled,
    bool AnonymousPullEnabled,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt,
    NetworkRuleSet NetworkRules,
    long StorageBytes);

/// <summary>A new registry: name, tier, anonymous pull and tags (the admin user is created disabled).</summary>
public sealed record RegistryDraft(string Name, Sku Sku, bool AnonymousPullEnabled, IReadOnlyDictionary<string, string> Tags);

/// <summary>Changes to a registry; null members stay as they are.</summary>
public sealed record RegistryChanges(
    Sku? Sku = null,
    bool? AnonymousPullEnabled = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    NetworkRuleSet? NetworkRules = null);
