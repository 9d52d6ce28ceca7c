namespace Berth.Scanning.Advisories;

/// <summary>
/// Affected versions given as requirement strings instead of OSV events, kept as the source wrote them so the
/// matcher evaluates them with the ecosystem's own rules instead of a lossy conversion at import time.
/// </summary>
/// <remarks>
/// A version is affected when it satisfies <see cref="Vulnerable"/> (or that is null), satisfies none of
/// <see cref="Patched"/> and none of <see cref="Unaffected"/> — rubysec's "NOT any patched AND NOT any
/// unaffected", and legacy npm's <c>vulnerable_versions</c> minus <c>patched_versions</c>.
/// </remarks>
public sealed record VersionConstraints
{
    /// <summary><see cref="ConstraintSyntax.RubyGems"/> (<c>~&gt; 1.2.5</c>, <c>&gt;= 1.4, &lt; 2</c>) or
    /// <see cref="ConstraintSyntax.Npm"/> (node-semver ranges: <c>^1.2.3 || &gt;=2.0.0 &lt;2.1.0</c>).</summary>
    public required string Syntax { get; init; }

    /// <summary>Range of vulnerable versions; null means every version not excluded below.</summary>
    public string? Vulnerable { get; init; }

    /// <summary>Requirements that fixed versions satisfy.</summary>
    public IReadOnlyList<string> Patched { get; init; } = [];

    /// <summary>Requirements that never-vulnerable versions satisfy.</summary>
    public IReadOnlyList<string> Unaffected { get; init; } = [];
}

/// <summary>The requirement syntaxes <see cref="VersionConstraints"/> carries.</summary>
public static class ConstraintSyntax
{
    public const string RubyGems = "rubygems";
    public const string Npm = "npm";
}
