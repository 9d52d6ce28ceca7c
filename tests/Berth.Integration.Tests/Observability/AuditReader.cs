using System.Net.Http.Json;
using System.Text.Json;

namespace Berth.Integration.Tests.Observability;

/// <summary>Reads the audit log through the management API and waits for records the background writer stores.</summary>
internal static class AuditReader
{
    public static async Task<List<JsonElement>> AllAsync(HttpClient owner)
    {
        var all = new List<JsonElement>();
        var after = 0L;
        while (true)
        {
            var page = await owner.GetFromJsonAsync<List<JsonElement>>($"/api/v1/audit?after={after}&limit=1000");
            all.AddRange(page!);
            if (page!.Count < 1000)
            {
                return all;
            }

            after = page[^1].GetProperty("sequence").GetInt64();
        }
    }

    /// <summary>The first record matching <paramref name="match"/>, waiting up to a minute for it to be written.</summary>
    public static async Task<JsonElement> WaitForAsync(HttpClient owner, Func<JsonElement, bool> match)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var found = (await AllAsync(owner)).Where(match).ToList();
            if (found.Count > 0)
            {
                return found[0];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("no matching audit record was written within a minute");
            }

            await Task.Delay(50);
        }
    }

    public static bool Is(JsonElement e, string action, string target) =>
        e.GetProperty("action").GetString() == action && e.GetProperty("target").GetString() == target;
}
