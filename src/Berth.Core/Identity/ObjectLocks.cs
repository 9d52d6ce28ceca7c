namespace Berth.Core.Identity;

/// <summary>
/// ACR's per-object attributes on a repository, tag or manifest, enforced for every caller including Owners.
/// The effective lock of a request is the combination (logical AND of each flag) of the repository's, the
/// tag's and the manifest's attributes that apply.
/// </summary>
public sealed record ObjectLocks(bool WriteEnabled = true, bool DeleteEnabled = true, bool ReadEnabled = true, bool ListEnabled = true)
{
    public static ObjectLocks Unlocked { get; } = new();

    public ObjectLocks And(ObjectLocks? other) => other is null ? this : new(
        WriteEnabled && other.WriteEnabled,
        DeleteEnabled && other.DeleteEnabled,
        ReadEnabled && other.ReadEnabled,
        ListEnabled && other.ListEnabled);
}
