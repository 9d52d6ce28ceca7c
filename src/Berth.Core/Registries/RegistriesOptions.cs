using Microsoft.Extensions.Options;

namespace Berth.Core.Registries;

/// <summary>How registries are addressed (section <c>Berth:Registries</c>).</summary>
public sealed class RegistriesOptions
{
    public const string Section = "Berth:Registries";

    /// <summary>Login servers are <c>&lt;name&gt;.&lt;Domain&gt;</c> (lower case).</summary>
    public string Domain { get; set; } = "registry.local";

    /// <summary>The registry that serves every host name that is not a login server (so <c>localhost:5000</c> works).</summary>
    public string DefaultRegistry { get; set; } = "default";

    /// <summary>
    /// Whether the default registry is held to its SKU's operations-per-minute rates. Off by default: the default
    /// registry is the deployment's own (a single-registry install behind <c>localhost:5000</c>, CI fleets pulling
    /// from it), and ACR's per-minute figures are cloud fairness limits that would starve it. Registries created as
    /// resources are always throttled by their SKU. Storage and count limits apply to every registry.
    /// </summary>
    public bool ThrottleDefaultRegistry { get; set; }

    /// <summary>The login server of a registry called <paramref name="name"/>.</summary>
    public string LoginServerOf(string name) => $"{name}.{Domain}".ToLowerInvariant();
}

/// <summary>Start-up validation of <see cref="RegistriesOptions"/>.</summary>
public sealed class RegistriesOptionsValidator : IValidateOptions<RegistriesOptions>
{
    public ValidateOptionsResult Validate(string? name, RegistriesOptions options)
    {
        var errors = new List<string>();
        if (!IsHostName(options.Domain))
        {
            errors.Add($"Berth:Registries:Domain '{options.Domain}' must be a DNS name such as registry.example.com (letters, digits, '-' and '.'; no port)");
        }

        // The seeded registry is called 'default', which is shorter than ACR allows for new registries.
        if (string.IsNullOrWhiteSpace(options.DefaultRegistry) || (options.DefaultRegistry != "default" && !RegistryNameRules.IsValid(options.DefaultRegistry)))
        {
            errors.Add($"Berth:Registries:DefaultRegistry '{options.DefaultRegistry}' must be 'default' or a registry name of 5-50 letters and digits");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static bool IsHostName(string? domain) =>
        domain is { Length: > 0 and <= 200 }
        && domain.Split('.').All(label => label.Length is > 0 and <= 63
            && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && label[0] != '-' && label[^1] != '-');
}
