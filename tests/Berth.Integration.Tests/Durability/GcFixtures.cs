using System.Net;
using System.Text.Json;
using Berth.Integration.Tests.Infrastructure;

namespace Berth.Integration.Tests.Durability;

/// <summary>In-process server whose collector treats content older than <see cref="Grace"/> as collectable.</summary>
public class ShortGraceFixture : BerthServerFixture
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Gc:GracePeriod"] = Grace.ToString(),
    };
}

/// <summary>Short grace period and opt-in deletion of untagged manifests.</summary>
public sealed class DeleteUntaggedFixture : ShortGraceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Berth:Gc:DeleteUntaggedManifests"] = "true",
    };
}

/// <summary>Everything short: grace period, untagged manifests collected, upload sessions expiring after the same time.</summary>
public sealed class EverythingExpiresFixture : ShortGraceFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Berth:Gc:DeleteUntaggedManifests"] = "true",
        ["Berth:Registry:UploadExpiry"] = Grace.ToString(),
    };
}

/// <summary>Upload sessions expire after one second; blobs keep the default (long) grace period.</summary>
public sealed class ShortUploadExpiryFixture : BerthServerFixture
{
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Berth:Registry:UploadExpiry"] = Expiry.ToString(),
    };
}

/// <summary>The JSON report of <c>POST /api/v1/gc</c>.</summary>
public sealed record GcResult(
    bool DryRun,
    int UntaggedManifests,
    int UnreferencedLinks,
    int Blobs,
    long BlobBytes,
    int OrphanObjects,
    long OrphanBytes,
    int ExpiredUploads,
    long UploadBytes,
    long BytesFreed)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static GcResult Parse(string json) => JsonSerializer.Deserialize<GcResult>(json, Json)!;

    public static async Task<GcResult> RunAsync(HttpClient http, bool dryRun)
    {
        using var response = await http.PostAsync($"/api/v1/gc?dryRun={(dryRun ? "true" : "false")}", null);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"POST /api/v1/gc answered {(int)response.StatusCode}: {body}");
        var result = Parse(body);
        Assert.Equal(dryRun, result.DryRun);
        Assert.Equal(result.BlobBytes + result.OrphanBytes + result.UploadBytes, result.BytesFreed);
        return result;
    }

    /// <summary>The same report without the dry-run flag, to compare a dry run with the real run after it.</summary>
    public GcResult AsReal() => this with { DryRun = false };
}

/// <summary>Waits until content created now is past the grace period (plus a margin for clock granularity).</summary>
public static class Wait
{
    public static Task PastAsync(TimeSpan period) => Task.Delay(period + TimeSpan.FromMilliseconds(400));
}
