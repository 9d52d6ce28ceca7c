using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Berth.Api.Auth;

/// <summary>A token signing key as shown to administrators (never the key material).</summary>
public sealed record SigningKeyInfo(string KeyId, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, bool Current);

/// <summary>
/// The token service's ECDSA P-256 (ES256) keys. The first start generates one; <see cref="RotateAsync"/>
/// makes a new current key and retires the old one, whose public half keeps verifying until every token it
/// signed has expired. Keys live in one JSON file readable by the server's user only (mode 0600, directory
/// 0700); retired keys keep only their public half. Thread-safe: readers see an immutable snapshot.
/// </summary>
public sealed class SigningKeyRing
{
    private const string FileName = "token-signing-keys.json";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string _directory;
    private readonly string _path;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyRing> _logger;
    private readonly SemaphoreSlim _rotate = new(1, 1);
    private volatile Snapshot _snapshot;

    public SigningKeyRing(string directory, IOptions<AuthOptions> options, TimeProvider time, ILogger<SigningKeyRing> logger)
    {
        _directory = Path.GetFullPath(directory);
        _path = Path.Combine(_directory, FileName);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _snapshot = Load();
    }

    /// <summary>Credentials of the current key (ES256, with its key id).</summary>
    public SigningCredentials Current => _snapshot.Signing;

    public IReadOnlyList<SigningKeyInfo> Keys => _snapshot.Info;

    /// <summary>The public key with this id, current or retired but still valid; null for an unknown id.</summary>
    public SecurityKey? FindVerificationKey(string? keyId) =>
        keyId is not null && _snapshot.Verification.TryGetValue(keyId, out var key) ? key : null;

    /// <summary>Generates a new current key and retires the previous one; returns the new key.</summary>
    public async Task<SigningKeyInfo> RotateAsync(CancellationToken ct)
    {
        await _rotate.WaitAsync(ct);
        try
        {
            var now = _time.GetUtcNow();
            var entries = Prune(ReadEntries(), now)
                .Select(e => e.RetiredAt is null ? e with { RetiredAt = now, PrivateKey = null } : e)
                .Append(NewEntry(now))
                .ToList();
            Write(entries);
            _snapshot = ToSnapshot(entries);
            var current = _snapshot.Info.Single(k => k.Current);
            _logger.LogInformation("Token signing key rotated: new key {KeyId}", current.KeyId);
            return current;
        }
        finally
        {
            _rotate.Release();
        }
    }

    private Snapshot Load()
    {
        CreateDirectory();
        var now = _time.GetUtcNow();
        var stored = File.Exists(_path) ? ReadEntries() : [];
        var entries = Prune(stored, now);
        if (!entries.Any(e => e.RetiredAt is null && e.PrivateKey is not null))
        {
            entries = [.. entries.Select(e => e.RetiredAt is null ? e with { RetiredAt = now, PrivateKey = null } : e), NewEntry(now)];
            _logger.LogInformation("Generated a token signing key in {Path}", _path);
        }

        if (entries.Count != stored.Count || !File.Exists(_path))
        {
            Write(entries);
        }
        else
        {
            Tighten(_path);
        }

        return ToSnapshot(entries);
    }

    // A retired key verifies until every token it could have signed has expired.
    private List<KeyEntry> Prune(IEnumerable<KeyEntry> entries, DateTimeOffset now)
    {
        var keep = _options.RefreshTokenLifetime + _options.AccessTokenLifetime + _options.ClockSkew;
        return entries.Where(e => e.RetiredAt is null || e.RetiredAt.Value + keep > now).ToList();
    }

    private static KeyEntry NewEntry(DateTimeOffset now)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var publicKey = ecdsa.ExportSubjectPublicKeyInfo();
        var kid = Base64UrlEncoder.Encode(SHA256.HashData(publicKey).AsSpan(0, 12).ToArray());
        return new KeyEntry(kid, now, null, Convert.ToBase64String(ecdsa.ExportPkcs8PrivateKey()), Convert.ToBase64String(publicKey));
    }

    private static Snapshot ToSnapshot(IReadOnlyList<KeyEntry> entries)
    {
        var current = entries.Where(e => e.RetiredAt is null && e.PrivateKey is not null).MaxBy(e => e.CreatedAt)
            ?? throw new InvalidOperationException("no current token signing key");
        var privateKey = ECDsa.Create();
        privateKey.ImportPkcs8PrivateKey(Convert.FromBase64String(current.PrivateKey!), out _);
        var signing = new SigningCredentials(new ECDsaSecurityKey(privateKey) { KeyId = current.Kid }, SecurityAlgorithms.EcdsaSha256);
        var verification = new Dictionary<string, SecurityKey>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var publicKey = ECDsa.Create();
            publicKey.ImportSubjectPublicKeyInfo(Convert.FromBase64String(e.PublicKey), out _);
            verification[e.Kid] = new ECDsaSecurityKey(publicKey) { KeyId = e.Kid };
        }

        var info = entries.Select(e => new SigningKeyInfo(e.Kid, e.CreatedAt, e.RetiredAt, e.Kid == current.Kid)).ToList();
        return new Snapshot(signing, verification, info);
    }

    private List<KeyEntry> ReadEntries()
    {
        if (!File.Exists(_path))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<KeyFile>(File.ReadAllBytes(_path), Json)?.Keys.ToList() ?? [];
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the token signing key file {_path} is corrupt; restore it from backup or delete it (every issued token then stops working)", e);
        }
    }

    private void Write(IReadOnlyList<KeyEntry> entries)
    {
        var temp = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temp, options))
        {
            JsonSerializer.Serialize(stream, new KeyFile(entries), Json);
            stream.Flush(flushToDisk: true);
        }

        Tighten(temp);
        File.Move(temp, _path, overwrite: true);
    }

    private void CreateDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_directory);
            return;
        }

        Directory.CreateDirectory(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Tighten(_directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private void Tighten(string path, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if ((File.GetUnixFileMode(path) & ~mode) != 0)
        {
            _logger.LogWarning("{Path} was readable by other users; restricting it to the server's user", path);
            File.SetUnixFileMode(path, mode);
        }
    }

    private sealed record Snapshot(SigningCredentials Signing, IReadOnlyDictionary<string, SecurityKey> Verification, IReadOnlyList<SigningKeyInfo> Info);

    private sealed record KeyFile(IReadOnlyList<KeyEntry> Keys);

    /// <summary>One stored key: PKCS#8 private key (current key only) and SubjectPublicKeyInfo, base64.</summary>
    private sealed record KeyEntry(string Kid, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string? PrivateKey, string PublicKey);
}
