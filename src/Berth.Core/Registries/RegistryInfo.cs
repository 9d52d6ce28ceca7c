namespace Berth.Core.Registries;

/// <summary>
/// A registry as the data plane sees it: identity, tier and access settings. Immutable snapshot; a change to the
/// registry produces a new instance from <see cref="IRegistryDirectory"/>.
/// </summary>
/// <param name="Id">Database id; <see cref="Metadata.RegistryIds.Default"/> is the registry seeded at first start.</param>
/// <param name="Name">ACR rules: 5-50 alphanumeric characters, unique ignoring case.</param>
/// <param name="LoginServer">Host name clients use: <c>name.domain</c> (lower case).</param>
/// <param name="Tags">key=value labels.</param>
/// <param name="NetworkRules">Null when no network rules apply (default action Allow, public access on).</param>
public sealed record RegistryInfo(
    long Id,
    string Name,
    string LoginServer,
    Sku Sku,
    bool AdminUserEnabled,
    bool AnonymousPullEnabled,
    IReadOnlyDictionary<string, string> Tags,
    DateTimeOffset CreatedAt,
    NetworkRuleSet? NetworkRules);

/// <summary>Premium network access rules: default action plus allowed CIDR ranges.</summary>
/// <param name="DefaultAction">What happens to an address no rule matches.</param>
/// <param name="AllowedRanges">CIDR ranges (IPv4 or IPv6) that are allowed whatever the default action.</param>
/// <param name="PublicNetworkAccess">False: only <paramref name="AllowedRanges"/> may connect, whatever the default.</param>
public sealed record NetworkRuleSet(NetworkDefaultAction DefaultAction, IReadOnlyList<string> AllowedRanges, bool PublicNetworkAccess);

public enum NetworkDefaultAction
{
    Allow,
    Deny,
}
