using Berth.Core.Identity;
using Berth.Core.Registries.Network;

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

    /// <summary>
    /// Throws Invalid unless every range is a CIDR range (or a single address) as <see cref="CidrRange"/> parses it,
    /// with a message naming the bad range and why, and there are not too many.
    /// </summary>
    public static void Validate(NetworkRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.AllowedRanges.Count > MaxRanges)
        {
            throw new IdentityException(IdentityErrorKind.Invalid, $"at most {MaxRanges} IP ranges");
        }

        foreach (var range in rules.AllowedRanges)
        {
            if (!CidrRange.TryParse(range, out _, out var error))
            {
                throw new IdentityException(IdentityErrorKind.Invalid, error);
            }
        }
    }
}
