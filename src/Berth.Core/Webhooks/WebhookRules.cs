using System.Text.RegularExpressions;
using Berth.Core.Events;

namespace Berth.Core.Webhooks;

/// <summary>Validation of webhook settings and the scope filter. Pure and thread-safe.</summary>
public static partial class WebhookRules
{
    /// <summary>The actions a webhook can subscribe to (ACR's).</summary>
    public static IReadOnlyList<string> Actions { get; } =
        [EventActions.Push, EventActions.Delete, EventActions.Quarantine, EventActions.ChartPush, EventActions.ChartDelete];

    public const int MaxHeaders = 20;

    /// <summary>ACR's rule: 5-50 alphanumeric characters.</summary>
    public static string? CheckName(string? name) =>
        name is not null && NamePattern().IsMatch(name) ? null : $"webhook name '{name}' must be 5-50 letters or digits";

    /// <summary>An absolute http or https URI without credentials in it.</summary>
    public static string? CheckServiceUri(string? uri)
    {
        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https") || string.IsNullOrEmpty(parsed.Host))
        {
            return $"service URI '{uri}' must be an absolute http:// or https:// URI";
        }

        return parsed.UserInfo.Length > 0 ? "service URI must not contain credentials; send them in a custom header" : null;
    }

    public static string? CheckActions(IReadOnlyList<string>? actions)
    {
        if (actions is null || actions.Count == 0)
        {
            return $"at least one action is required ({string.Join(", ", Actions)})";
        }

        var unknown = actions.FirstOrDefault(a => !Actions.Contains(a, StringComparer.Ordinal));
        return unknown is null ? null : $"unknown action '{unknown}'; use {string.Join(", ", Actions)}";
    }

    /// <summary><c>repo</c>, <c>repo:tag</c>, either part with <c>*</c> wildcards, or empty.</summary>
    public static string? CheckScope(string? scope)
    {
        if (string.IsNullOrEmpty(scope))
        {
            return null;
        }

        return scope.Length <= 512 && ScopePattern().IsMatch(scope)
            ? null
            : $"scope '{scope}' must be 'repository' or 'repository:tag' (lower-case repository path, '*' as wildcard)";
    }

    public static string? CheckHeaders(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null)
        {
            return null;
        }

        if (headers.Count > MaxHeaders)
        {
            return $"at most {MaxHeaders} custom headers";
        }

        foreach (var (name, value) in headers)
        {
            if (!HeaderName().IsMatch(name) || value.Any(c => c is '\r' or '\n' or '\0') || value.Length > 4096)
            {
                return $"custom header '{name}' is not a valid HTTP header name with a single-line value";
            }
        }

        return null;
    }

    /// <summary>
    /// Whether an event on <paramref name="repository"/> (with <paramref name="tag"/>, or none) falls under the scope.
    /// An empty scope matches everything; a scope without a tag part matches any tag and untagged events; a scope with
    /// a tag part matches only events carrying a matching tag.
    /// </summary>
    public static bool ScopeMatches(string scope, string repository, string? tag)
    {
        if (string.IsNullOrEmpty(scope))
        {
            return true;
        }

        var colon = scope.IndexOf(':', StringComparison.Ordinal);
        var repoPattern = colon < 0 ? scope : scope[..colon];
        var tagPattern = colon < 0 ? "*" : scope[(colon + 1)..];
        if (!Glob(repoPattern, repository))
        {
            return false;
        }

        return tagPattern == "*" || (tag is not null && Glob(tagPattern, tag));
    }

    // '*' matches any run of characters (also '/'); everything else literally.
    private static bool Glob(string pattern, string value)
    {
        if (!pattern.Contains('*', StringComparison.Ordinal))
        {
            return string.Equals(pattern, value, StringComparison.Ordinal);
        }

        var regex = "^" + string.Join(".*", pattern.Split('*').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(value, regex, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    [GeneratedRegex("^[A-Za-z0-9]{5,50}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9*][a-z0-9._/*-]*(:[A-Za-z0-9_*][A-Za-z0-9._*-]{0,127})?$")]
    private static partial Regex ScopePattern();

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$")]
    private static partial Regex HeaderName();
}
