using Berth.Core.Registries.Network;
using Microsoft.Extensions.Options;

namespace Berth.Server.Configuration;

/// <summary>
/// How Berth learns client addresses (section <c>Berth:Network</c>). By default the connection's remote address is
/// the client: <c>X-Forwarded-For</c> is ignored, so a client cannot pick the address network rules, audit records
/// and login lockouts see.
/// </summary>
public sealed class NetworkOptions
{
    public const string Section = "Berth:Network";

    /// <summary>
    /// Reverse proxies (CIDR ranges or addresses) whose <c>X-Forwarded-For</c> is believed: for a connection from one
    /// of them, the client is the right-most forwarded address that is not itself a trusted proxy. Empty: none.
    /// </summary>
    public IList<string> TrustedProxies { get; } = [];
}

/// <summary>Each trusted proxy must be a valid range.</summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var errors = new List<string>();
        foreach (var proxy in options.TrustedProxies)
        {
            if (!CidrRange.TryParse(proxy, out _, out var error))
            {
                errors.Add($"{NetworkOptions.Section}:TrustedProxies: {error}");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
