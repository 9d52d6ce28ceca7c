using Berth.Core.Oci;

namespace Berth.Metadata.Sqlite.Tests;

public sealed class ConcurrencyTests : IDisposable
{
    private readonly TestDatabase db = new();

    public void Dispose() => db.Dispose();

    [Fact]
    public async Task Concurrent_writers_queue_on_the_write_lock_instead_of_failing()
    {
        var repo = await db.Repo("busy");
        var digests = Enumerable.Range(0, 200).Select(i => Digest.Compute(BitConverter.GetBytes(i))).ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; i < digests.Count; i += 8)
            {
                await db.Blobs.LinkAsync(repo, digests[i], i, TestDatabase.T0, long.MaxValue, TestDatabase.Ct);
                var config = new Descriptor("application/vnd.oci.image.config.v1+json", digests[i], i);
                var put = await db.Manifests.PutAsync(repo, TestManifests.Image(config, [], tag: $"t{i}"), TestDatabase.Ct);
                Assert.True(put.Succeeded);
                Assert.NotNull(await db.Manifests.GetByTagAsync(repo.Id, $"t{i}", TestDatabase.Ct));
            }
        })));

        Assert.Equal(200, db.Scalar("SELECT count(*) FROM repository_blobs;"));
        Assert.Equal(200, db.Scalar("SELECT count(*) FROM tags;"));
    }
}
