namespace Berth.Scanning.Versions;

/// <summary>
/// Base for the scheme comparers: handles <c>null</c>, identical references and sign normalisation so each
/// scheme only implements the ordering of two non-null strings.
/// </summary>
public abstract class VersionComparer : IVersionComparer
{
    /// <inheritdoc />
    public abstract string Scheme { get; }

    /// <inheritdoc />
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return Math.Sign(CompareCore(x, y));
    }

    /// <inheritdoc />
    public bool IsValid(string? version) => version is not null && IsValidCore(version);

    /// <summary>Orders two non-null strings; any sign-carrying int.</summary>
    protected abstract int CompareCore(string x, string y);

    /// <summary>Validity of a non-null string.</summary>
    protected abstract bool IsValidCore(string version);

    /// <inheritdoc />
    public override string ToString() => Scheme;
}
