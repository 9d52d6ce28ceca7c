using System.Globalization;
using System.Text.Json;
using Berth.Api.Errors;
using Berth.Core.Errors;
using Berth.Core.Metadata;
using Berth.Core.Oci;
using Berth.Core.Registry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Berth.Api.Oci;

/// <summary>Tag list, catalog and referrers: paginated listings with <c>n</c>/<c>last</c> and a <c>Link</c> header.</summary>
public sealed class ListingHandlers(RepositoryResolver repositories, ManifestService manifests, IOptions<RegistryOptions> options)
{
    /// <summary>The catalog, showing only repositories the caller may list.</summary>
    public async Task CatalogAsync(HttpContext context, OciCaller caller)
    {
        var (n, last) = Page(context.Request);
        var ct = context.RequestAborted;
        var names = await CollectAsync(n, last, (after, limit) => repositories.ListAsync(caller.RegistryId, after, limit, ct), name => caller.CanListAsync(name, ct));
        var page = Trim(context, "/v2/_catalog", names, n);
        await WriteJsonAsync(context, "application/json", new CatalogBody(page));
    }

    /// <summary>Tags of a repository; hidden (NAME_UNKNOWN) when the repository is not listable, and without tags whose list-enabled is false.</summary>
    public async Task TagsAsync(HttpContext context, OciCaller caller, string name)
    {
        RepositoryResolver.Validate(name);
        var ct = context.RequestAborted;
        var (n, last) = Page(context.Request);
        if (caller.Locks is { ListEnabled: false } || await manifests.ListTagsAsync(caller.RegistryId, name, null, 0, ct) is null)
        {
            await ErrorWriter.WriteAsync(context, ErrorCodes.NameUnknown, $"repository {name} is not known");
            return;
        }

        var tags = await CollectAsync(n, last, async (after, limit) => await manifests.ListTagsAsync(caller.RegistryId, name, after, limit, ct) ?? [], tag => caller.IsTagListedAsync(name, tag, ct));
        var page = Trim(context, $"/v2/{name}/tags/list", tags, n);
        await WriteJsonAsync(context, "application/json", new TagsBody(name, page));
    }

    // Up to n + 1 visible items after last (one more than a page tells whether another page follows), reading the
    // store in batches so hidden items do not shorten pages.
    private static async Task<IReadOnlyList<string>> CollectAsync(int n, string? last, Func<string?, int, Task<IReadOnlyList<string>>> read, Func<string, Task<bool>> visible)
    {
        var result = new List<string>();
        if (n == 0)
        {
            return result;
        }

        var batch = Math.Clamp(n + 1, 16, 1000);
        var cursor = last;
        while (true)
        {
            var items = await read(cursor, batch);
            foreach (var item in items)
            {
                if (await visible(item))
                {
                    result.Add(item);
                    if (result.Count > n)
                    {
                        return result;
                    }
                }
            }

            if (items.Count < batch)
            {
                return result;
            }

            cursor = items[^1];
        }
    }

    public async Task ReferrersAsync(HttpContext context, long registry, string name, string reference)
    {
        RepositoryResolver.Validate(name);
        var artifactType = context.Request.Query["artifactType"].ToString();
        var filter = string.IsNullOrEmpty(artifactType) ? null : artifactType;
        var referrers = await manifests.ListReferrersAsync(registry, name, reference, filter, context.RequestAborted);
        if (filter is not null)
        {
            context.Response.Headers[OciHeaders.FiltersApplied] = "artifactType";
        }

        var entries = referrers.Select(r => new ReferrerEntry(
            r.MediaType, r.Digest.ToString(), r.Size, r.ArtifactType,
            r.AnnotationsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnnotationsJson))).ToList();
        await WriteJsonAsync(context, MediaTypes.OciIndex, new ReferrersBody(2, MediaTypes.OciIndex, entries));
    }

    private (int N, string? Last) Page(HttpRequest request)
    {
        var max = options.Value.MaxPageSize;
        var nText = request.Query["n"].ToString();
        var n = max;
        if (nText.Length > 0 && (!int.TryParse(nText, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n < 0))
        {
            throw new OciException(ErrorCodes.PaginationNumberInvalid, $"n must be a non-negative integer, not '{nText}'");
        }

        var last = request.Query["last"].ToString();
        return (Math.Min(n, max), last.Length == 0 ? null : last);
    }

    private static IReadOnlyList<string> Trim(HttpContext context, string path, IReadOnlyList<string> items, int n)
    {
        if (items.Count <= n)
        {
            return items;
        }

        var page = items.Take(n).ToList();
        context.Response.Headers.Link = $"<{path}?n={n}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"";
        return page;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static Task WriteJsonAsync<T>(HttpContext context, string contentType, T body)
    {
        context.Response.ContentType = contentType;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(body, Json);
        context.Response.ContentLength = bytes.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : context.Response.Body.WriteAsync(bytes, context.RequestAborted).AsTask();
    }

    private sealed record CatalogBody(IReadOnlyList<string> Repositories);

    private sealed record TagsBody(string Name, IReadOnlyList<string> Tags);

    private sealed record ReferrerEntry(string MediaType, string Digest, long Size, string? ArtifactType, Dictionary<string, string>? Annotations);

    private sealed record ReferrersBody(int SchemaVersion, string MediaType, IReadOnlyList<ReferrerEntry> Manifests);
}
