namespace Berth.Scanning.Advisories.Import;

/// <summary>Downloads an http(s) URL to a temp file, streaming, with a size limit.</summary>
internal static class UrlDownloader
{
    /// <summary>True for absolute http and https URLs.</summary>
    public static bool IsUrl(string text, out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>True for text that looks like a URL of another scheme (<c>ftp://</c>, <c>file://</c>), which imports refuse.</summary>
    public static bool IsOtherUrl(string text) => text.Contains("://", StringComparison.Ordinal);

    /// <summary>
    /// Saves the response body to a new file in <paramref name="directory"/> and returns its path; the caller
    /// deletes it. Throws <see cref="HttpRequestException"/> for non-success statuses and
    /// <see cref="InvalidDataException"/> past <paramref name="maxBytes"/>; the partial file is deleted.
    /// </summary>
    public static async Task<string> DownloadAsync(HttpClient http, Uri uri, string directory, long maxBytes, CancellationToken ct)
    {
        var extension = Path.GetExtension(uri.AbsolutePath);
        var path = Path.Combine(directory, $"berth-advisories-{Guid.NewGuid():N}{(extension.Length <= 8 ? extension : string.Empty)}");
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", null, response.StatusCode);
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new InvalidDataException($"the download is larger than the {maxBytes}-byte limit");
            }

            await using var body = await response.Content.ReadAsStreamAsync(ct);
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new InvalidDataException($"the download is larger than the {maxBytes}-byte limit");
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return path;
        }
        catch
        {
            File.Delete(path);
            throw;
        }
    }
}
