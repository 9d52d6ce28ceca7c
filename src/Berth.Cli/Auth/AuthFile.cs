using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Cli.Http;
using Berth.Cli.Runtime;

namespace Berth.Cli.Auth;

/// <summary>
/// A Docker <c>config.json</c> or containers <c>auth.json</c>. Berth logins are stored the way Docker and Podman
/// read OAuth2 refresh tokens: <c>auths["host:port"] = {"auth": base64("&lt;token user&gt;:"), "identitytoken": "&lt;refresh token&gt;"}</c>.
/// Everything else in the file (other servers, credsStore, proxies, ...) is kept as it was. Writes are atomic
/// (temporary file + rename) with mode 0600. Not thread-safe; one instance per command.
/// </summary>
internal sealed class AuthFile
{
    /// <summary>The user name Docker and Podman send with a refresh token (ACR's convention).</summary>
    public const string TokenUser = "00000000-0000-0000-0000-000000000000";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentCharacter = '\t', IndentSize = 1 };

    private readonly JsonObject _root;

    private AuthFile(string path, JsonObject root)
    {
        Path = path;
        _root = root;
    }

    public string Path { get; }

    /// <summary>Whether the file exists on disk (at load time or after <see cref="Save"/>).</summary>
    public bool Exists => File.Exists(Path);

    /// <summary>Reads <paramref name="path"/>; a missing or empty file is an empty configuration. Throws <see cref="CliException"/> when it is not a JSON object.</summary>
    public static AuthFile Load(string path)
    {
        if (!File.Exists(path))
        {
            return new AuthFile(path, []);
        }

        var text = File.ReadAllText(path);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AuthFile(path, []);
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject root
                ? new AuthFile(path, root)
                : throw new CliException(ExitCodes.Failed, $"{path} is not a JSON object; fix or remove it");
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Failed, $"{path} is not valid JSON ({e.Message}); fix or remove it");
        }
    }

    /// <summary>Stores <paramref name="refreshToken"/> for <paramref name="server"/> (host[:port]), replacing any entry for that server.</summary>
    public void SetIdentityToken(string server, string refreshToken)
    {
        RemoveEntries(server);
        Auths(create: true)![ServerAddress.NormalizeKey(server)] = new JsonObject
        {
            ["auth"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenUser + ":")),
            ["identitytoken"] = refreshToken,
        };
    }

    /// <summary>The refresh token stored for <paramref name="server"/>, or null.</summary>
    public string? GetIdentityToken(string server)
    {
        var key = ServerAddress.NormalizeKey(server);
        return Entries().Where(e => e.Key == key).Select(e => e.Token).FirstOrDefault(t => t is not null);
    }

    /// <summary>Removes every entry for <paramref name="server"/> (any spelling of the key); false when there was none.</summary>
    public bool Remove(string server) => RemoveEntries(server) > 0;

    /// <summary>Servers with a stored Berth-style login (an identity token with the token user).</summary>
    public IReadOnlyList<string> LoggedInServers() =>
        Entries().Where(e => e.Token is not null && e.User == TokenUser).Select(e => e.Key).Distinct().ToList();

    /// <summary>The credential helper Docker would use for <paramref name="server"/> instead of this file, if any.</summary>
    public string? CredentialHelperFor(string server)
    {
        var key = ServerAddress.NormalizeKey(server);
        if (_root["credHelpers"] is JsonObject helpers)
        {
            foreach (var (k, v) in helpers)
            {
                if (ServerAddress.NormalizeKey(k) == key && v is JsonValue value && value.TryGetValue<string>(out var name))
                {
                    return name;
                }
            }
        }

        return _root["credsStore"] is JsonValue store && store.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
    }

    /// <summary>Writes the file atomically with mode 0600, creating its directory (0700) if needed.</summary>
    public void Save()
    {
        var target = ResolveLinks(Path);
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(target))!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(_root.ToJsonString(Indented) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>The file's JSON text (tests, diagnostics).</summary>
    public override string ToString() => _root.ToJsonString(Indented);

    private JsonObject? Auths(bool create)
    {
        if (_root["auths"] is JsonObject auths)
        {
            return auths;
        }

        if (!create)
        {
            return null;
        }

        var created = new JsonObject();
        _root["auths"] = created;
        return created;
    }

    private int RemoveEntries(string server)
    {
        var auths = Auths(create: false);
        if (auths is null)
        {
            return 0;
        }

        var key = ServerAddress.NormalizeKey(server);
        var matches = auths.Select(p => p.Key).Where(k => ServerAddress.NormalizeKey(k) == key).ToList();
        foreach (var k in matches)
        {
            auths.Remove(k);
        }

        return matches.Count;
    }

    private IEnumerable<(string Key, string? User, string? Token)> Entries()
    {
        foreach (var (k, v) in Auths(create: false) ?? [])
        {
            if (v is not JsonObject entry)
            {
                continue;
            }

            var token = entry["identitytoken"] is JsonValue t && t.TryGetValue<string>(out var tv) && tv.Length > 0 ? tv : null;
            yield return (ServerAddress.NormalizeKey(k), DecodeUser(entry), token);
        }
    }

    private static string? DecodeUser(JsonObject entry)
    {
        if (entry["auth"] is not JsonValue a || !a.TryGetValue<string>(out var encoded))
        {
            return entry["username"] is JsonValue u && u.TryGetValue<string>(out var user) ? user : null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon >= 0 ? decoded[..colon] : decoded;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string ResolveLinks(string path)
    {
        var info = new FileInfo(path);
        return info.Exists && info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path : path;
    }
}
