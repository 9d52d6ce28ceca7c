using Berth.Core.Webhooks;
using Berth.Metadata.Sqlite.Database;
using Dapper;

namespace Berth.Metadata.Sqlite.Webhooks;

/// <summary><see cref="IWebhookStore"/> on the <c>webhooks</c> table; deleting a webhook cascades to its deliveries.</summary>
public sealed class SqliteWebhookStore(SqliteDatabase database) : IWebhookStore
{
    private const string Columns = """
        id AS Id, registry_id AS RegistryId, name AS Name, service_uri AS ServiceUri, actions AS Actions, scope AS Scope,
        enabled AS Enabled, format AS Format, header_names AS HeaderNames, sealed_headers AS SealedHeaders,
        sealed_secret AS SealedSecret, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public Task<WebhookCreateOutcome> CreateAsync(StoredWebhook webhook, int maxCount, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var args = Args(webhook);
        return database.WriteAsync((c, t) =>
        {
            if (c.ExecuteScalar<long>("SELECT 1 FROM webhooks WHERE registry_id = @RegistryId AND name_key = @NameKey;", args, t) == 1)
            {
                return WebhookCreateOutcome.NameTaken;
            }

            if (c.ExecuteScalar<long>("SELECT count(*) FROM webhooks WHERE registry_id = @RegistryId;", args, t) >= maxCount)
            {
                return WebhookCreateOutcome.LimitReached;
            }

            c.Execute(
                """
                INSERT INTO webhooks (registry_id, name, name_key, service_uri, actions, scope, enabled, format, header_names, sealed_headers, sealed_secret, created_at, updated_at)
                VALUES (@RegistryId, @Name, @NameKey, @ServiceUri, @Actions, @Scope, @Enabled, @Format, @HeaderNames, @SealedHeaders, @SealedSecret, @CreatedAt, @UpdatedAt);
                """,
                args,
                t);
            return WebhookCreateOutcome.Created;
        }, ct);
    }

    public Task<StoredWebhook?> GetAsync(long registryId, string name, CancellationToken ct) =>
        One($"SELECT {Columns} FROM webhooks WHERE registry_id = @registryId AND name_key = @key;", new { registryId, key = name.ToLowerInvariant() }, ct);

    public Task<StoredWebhook?> GetByIdAsync(long id, CancellationToken ct) =>
        One($"SELECT {Columns} FROM webhooks WHERE id = @id;", new { id }, ct);

    public Task<IReadOnlyList<StoredWebhook>> ListAsync(long registryId, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        var rows = c.Query<WebhookRow>($"SELECT {Columns} FROM webhooks WHERE registry_id = @registryId ORDER BY name_key;", new { registryId });
        return Task.FromResult<IReadOnlyList<StoredWebhook>>(rows.Select(r => r.ToStored()).ToList());
    }

    public async Task<bool> UpdateAsync(StoredWebhook webhook, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var args = Args(webhook);
        return await database.WriteAsync((c, t) => c.Execute(
            """
            UPDATE webhooks SET service_uri = @ServiceUri, actions = @Actions, scope = @Scope, enabled = @Enabled, format = @Format,
                header_names = @HeaderNames, sealed_headers = @SealedHeaders, sealed_secret = @SealedSecret, updated_at = @UpdatedAt
            WHERE id = @Id;
            """,
            args,
            t), ct) > 0;
    }

    public async Task<bool> DeleteAsync(long registryId, string name, CancellationToken ct) =>
        await database.WriteAsync((c, t) => c.Execute(
            "DELETE FROM webhooks WHERE registry_id = @registryId AND name_key = @key;", new { registryId, key = name.ToLowerInvariant() }, t), ct) > 0;

    private Task<StoredWebhook?> One(string sql, object args, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        using var c = database.Open();
        return Task.FromResult(c.QuerySingleOrDefault<WebhookRow>(sql, args)?.ToStored());
    }

    private static object Args(StoredWebhook w)
    {
        var i = w.Info;
        return new
        {
            w.Id,
            i.RegistryId,
            i.Name,
            NameKey = i.Name.ToLowerInvariant(),
            i.ServiceUri,
            Actions = string.Join(',', i.Actions),
            i.Scope,
            Enabled = i.Enabled ? 1 : 0,
            Format = i.Format.ToString(),
            HeaderNames = string.Join('\n', i.CustomHeaders),
            w.SealedHeaders,
            w.SealedSecret,
            CreatedAt = UnixTime.ToMs(i.CreatedAt),
            UpdatedAt = UnixTime.ToMs(i.UpdatedAt),
        };
    }

    private sealed class WebhookRow
    {
        public long Id { get; set; }

        public long RegistryId { get; set; }

        public string Name { get; set; } = "";

        public string ServiceUri { get; set; } = "";

        public string Actions { get; set; } = "";

        public string Scope { get; set; } = "";

        public long Enabled { get; set; }

        public string Format { get; set; } = "";

        public string HeaderNames { get; set; } = "";

        public byte[]? SealedHeaders { get; set; }

        public byte[] SealedSecret { get; set; } = [];

        public long CreatedAt { get; set; }

        public long UpdatedAt { get; set; }

        public StoredWebhook ToStored()
        {
            var info = new WebhookInfo(
                Name,
                RegistryId,
                ServiceUri,
                Actions.Split(',', StringSplitOptions.RemoveEmptyEntries),
                Scope,
                Enabled != 0,
                Enum.Parse<WebhookFormat>(Format),
                HeaderNames.Split('\n', StringSplitOptions.RemoveEmptyEntries),
                UnixTime.FromMs(CreatedAt),
                UnixTime.FromMs(UpdatedAt));
            return new StoredWebhook(Id, info, SealedSecret, SealedHeaders);
        }
    }
}
