namespace Berth.Scanning.Versions;

/// <summary>
/// Orders the version strings of one ecosystem's version scheme (dpkg, apk, rpm, SemVer, ...), so that
/// advisory ranges (introduced/fixed/last_affected) can be evaluated against installed versions.
/// </summary>
/// <remarks>
/// The contract every implementation keeps (pinned by <c>VersionComparerContractTests</c>):
/// <list type="bullet">
/// <item><see cref="IComparer{T}.Compare"/> returns exactly -1, 0 or +1 and is a total preorder on all strings:
/// reflexive, antisymmetric (<c>Compare(b, a) == -Compare(a, b)</c>) and transitive. 0 means "the same version
/// under the scheme" (Maven <c>1.0</c> and <c>1</c>, PEP 440 <c>1.0</c> and <c>1.0.0</c>), not string equality.
/// One exception: Maven's own order is not transitive for some odd mixes of qualifiers, and
/// <see cref="MavenVersionComparer"/> reproduces Maven pairwise (documented there).</item>
/// <item>It never throws. <c>null</c> orders before every string and equal to <c>null</c> (the
/// <see cref="IComparer{T}"/> convention); the empty string is an ordinary (usually invalid) version.</item>
/// <item>Strings for which <see cref="IsValid"/> is false still order deterministically. Each implementation
/// documents how: the ecosystem's own tool's reading where that tool compares anything (dpkg, rpm, apk, Maven,
/// RubyGems), otherwise a lenient reading of the leading version-like part, and strings with no such part
/// order before every readable version and ordinally among themselves.</item>
/// <item>Implementations are stateless and thread-safe, and compare without regular expressions and,
/// for valid versions of ordinary length, without heap allocation (pinned by the performance tests).</item>
/// </list>
/// </remarks>
public interface IVersionComparer : IComparer<string>
{
    /// <summary>Short stable name of the version scheme: <c>dpkg</c>, <c>apk</c>, <c>rpm</c>, <c>semver</c>,
    /// <c>go</c>, <c>pep440</c>, <c>nuget</c>, <c>maven</c>, <c>rubygems</c>, <c>packagist</c>, <c>pub</c>,
    /// <c>cran</c>, <c>hackage</c>.</summary>
    string Scheme { get; }

    /// <summary>
    /// True when the ecosystem's own tooling accepts <paramref name="version"/> as a version (for example
    /// dpkg's parser without warnings, <c>packaging.version.Version</c>, <c>Gem::Version.correct?</c>).
    /// False for <c>null</c>. Never throws.
    /// </summary>
    bool IsValid(string? version);
}
