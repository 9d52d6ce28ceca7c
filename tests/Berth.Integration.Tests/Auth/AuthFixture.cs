using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Auth;

/// <summary>
/// A server for the identity tests: a low per-identity failure limit (so rate limiting is quick to reach) and a
/// high per-address one (every test connects from 127.0.0.1, and one test's failures must not lock out another).
/// </summary>
public sealed class AuthFixture : BerthServerFixture
{
    public const int MaxFailuresPerIdentity = 3;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Identity:MaxFailuresPerIdentity"] = MaxFailuresPerIdentity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Berth:Identity:MaxFailuresPerAddress"] = "100000",
    };
}
