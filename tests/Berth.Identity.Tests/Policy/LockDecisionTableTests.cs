using Berth.Core.Identity;
using static Berth.Core.Identity.AccessPolicy;

namespace Berth.Identity.Tests.Policy;

/// <summary>Every lock state × every combination of requested actions, for an Owner (locks bind everyone).</summary>
public sealed class LockDecisionTableTests
{
    private static readonly Grant[] Owner = [new(null, null, Roles.Owner.Repository, Roles.Owner.Resources)];

    public static TheoryData<bool, bool, bool, bool, int> Cases()
    {
        var data = new TheoryData<bool, bool, bool, bool, int>();
        for (var state = 0; state < 16; state++)
        {
            foreach (var needed in Matrix.EveryActionSet())
            {
                data.Add((state & 1) != 0, (state & 2) != 0, (state & 4) != 0, (state & 8) != 0, (int)needed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Locks_deny_the_operations_they_disable_even_to_owners(bool write, bool delete, bool read, bool list, int neededBits)
    {
        var needed = (RepositoryAction)neededBits;
        var locks = new ObjectLocks(write, delete, read, list);
        var expected = !(needed.HasFlag(RepositoryAction.ContentRead) && !read)
            && !(needed.HasFlag(RepositoryAction.ContentWrite) && !write)
            && !(needed.HasFlag(RepositoryAction.ContentDelete) && !delete);

        foreach (var kind in Enum.GetValues<WriteKind>())
        {
            var decision = Decide(Matrix.User, Owner, Matrix.Registry, Matrix.Repository, needed, locks, kind);
            Assert.Equal(expected, decision.Allowed);
            if (!expected)
            {
                Assert.Contains("disabled by a lock", decision.Reason, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, false)]
    public void Listing_needs_list_enabled_and_metadata_read(bool listEnabled, bool canReadMetadata, bool expected)
    {
        Grant[] grants = canReadMetadata ? [new(Matrix.Registry, null, RepositoryAction.MetadataRead, ResourcePermission.None)] : [new(Matrix.Registry, null, RepositoryAction.ContentRead, ResourcePermission.None)];

        Assert.Equal(expected, CanList(grants, Matrix.Registry, Matrix.Repository, new ObjectLocks(ListEnabled: listEnabled)));
    }

    [Fact]
    public void Locks_combine_with_and()
    {
        var repository = new ObjectLocks(WriteEnabled: false);
        var tag = new ObjectLocks(DeleteEnabled: false);

        Assert.Equal(new ObjectLocks(false, false, true, true), repository.And(tag));
        Assert.Equal(repository, repository.And(null));
        Assert.Equal(ObjectLocks.Unlocked, ObjectLocks.Unlocked.And(ObjectLocks.Unlocked));
    }
}
