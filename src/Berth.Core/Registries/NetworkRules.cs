using System.Net;
using Berth.Core.Identity;

namespace Berth.Core.Registries;

/// <summary>Checks on a <see cref="NetworkRuleSet"/> before it is stored (enforcement is the data plane's).</summary>
public static class NetworkRules
{
    public const int MaxRanges = 200;

    /// <summary>The rule set of a registry without rules: allow everyone.</summary>
    public static NetworkRuleSet Open { get; } = new(NetworkDefaultAction.Allow, [], true);

    /// <summary>Whether the rules restrict anything (and so need a SKU with network rules).</summary>
    public static bool IsRestrictive(NetworkRuleSet rules) =>
        rules.DefaultAction != NetworkDefaultAction.Allow || !rules.PublicNetworkAccess || rules.AllowedRanges.Count > 0;

    /// <summary>Throws Invalid unless every range is a CIDR range (or a single address) and there are not too many.</summary>
    public static void Validate(NetworkRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.AllowedRanges.Count > MaxRanges)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"at most {MaxRanges} IP ranges");
        }

        foreach (var range in rules.AllowedRanges)
        {
            if (range is null || !(IPNetwork.TryParse(range, out _) || IPAddress.TryParse(range, out _)))
            {
                throw new IdentityException(IdentityErrorKind.Invalid, $"'{range}' is not an IP address or CIDR range such as 10.0.0.0/8");
            }
        }
    }
}
