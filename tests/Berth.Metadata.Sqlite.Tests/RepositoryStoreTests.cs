namespace Berth.Metadata.Sqlite.Tests;

public sealed class RepositoryStoreTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Find_returns_null_until_ensure_creates_the_repository()
    {
        Assert.Null(await db.Repositories.FindAsync(1, "library/alpine", TestDatabase.Ct));

        var created = await db.Repositories.EnsureAsync(1, "library/alpine", TestDatabase.Ct);
        var again = await db.Repositories.EnsureAsync(1, "library/alpine", TestDatabase.Ct);

        Assert.Equal(1, created.RegistryId);
        Assert.Equal("library/alpine", created.Name);
        Assert.Equal(created, again);
        Assert.Equal(created, await db.Repositories.FindAsync(1, "library/alpine", TestDatabase.Ct));
    }

    [Fact]
    public async Task Concurrent_ensure_of_one_name_creates_exactly_one_row()
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(async () =>
            {
                start.Wait();
                return await db.Repositories.EnsureAsync(1, "race/repo", TestDatabase.Ct);
            }))
            .ToList();
        start.Set();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, db.Scalar("SELECT count(*) FROM repositories WHERE name = 'race/repo';"));
    }

    [Fact]
    public async Task Names_are_scoped_to_their_registry()
    {
        var other = db.AddRegistry("other");
        var a = await db.Repo("same/name");
        var b = await db.Repo("same/name", other);

        Assert.NotEqual(a.Id, b.Id);
        Assert.Equal(other, b.RegistryId);
        Assert.Equal(["same/name"], await db.Repositories.ListAsync(other, null, 10, TestDatabase.Ct));
        Assert.Null(await db.Repositories.FindAsync(other, "only/in/default", TestDatabase.Ct));
    }

    [Fact]
    public async Task List_pages_in_byte_wise_lexical_order()
    {
        foreach (var name in new[] { "b", "a/z", "a", "B", "a-b", "c" })
        {
            await db.Repo(name);
        }

        Assert.Equal(["B", "a", "a-b", "a/z", "b", "c"], await db.Repositories.ListAsync(1, null, 100, TestDatabase.Ct));
        Assert.Equal(["B", "a"], await db.Repositories.ListAsync(1, null, 2, TestDatabase.Ct));
        Assert.Equal(["a-b", "a/z"], await db.Repositories.ListAsync(1, "a", 2, TestDatabase.Ct));
        Assert.Equal(["b", "c"], await db.Repositories.ListAsync(1, "a/z", 5, TestDatabase.Ct));
        Assert.Equal(["a"], await db.Repositories.ListAsync(1, "B", 1, TestDatabase.Ct));
        Assert.Empty(await db.Repositories.ListAsync(1, "c", 5, TestDatabase.Ct));
        Assert.Empty(await db.Repositories.ListAsync(1, "zzz", 5, TestDatabase.Ct));
        Assert.Empty(await db.Repositories.ListAsync(1, null, 0, TestDatabase.Ct));
    }
}
