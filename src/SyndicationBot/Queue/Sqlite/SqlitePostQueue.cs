using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using SyndicationBot.Articles;
using SyndicationBot.Configuration;
using SyndicationBot.Queue.Scheduling;

namespace SyndicationBot.Queue.Sqlite;

/// <summary>
/// The ledger on one SQLite file (WAL). SQLite allows one writer at a time, so writes inside this process go
/// through one gate (as Quartz's SQLite job store does) instead of contending on SQLITE_BUSY; other
/// processes (the queue verbs) are serialised by SQLite's own lock and the busy timeout.
/// </summary>
internal sealed partial class SqlitePostQueue(string connectionString, ILogger<SqlitePostQueue> logger, SecretRedactor? redactor = null) : IPostQueue, IDisposable
{
    // Posts join their article for its key and title, which are stored once per article rather than once per post.
    private const string PostColumns =
        "p.id, a.key, a.title, p.channel, p.payload, p.idempotency_key, p.state, p.due_at, p.attempts, p.next_attempt_at, " +
        "p.last_error, p.remote_id, p.remote_url, p.published_at, p.lease_owner, p.lease_expires_at, p.urgent, p.lease_token";

    private const string PostsJoined = "posts p JOIN articles a ON a.id = p.article_id";

    // State lists come from the shared rules, never numeric literals here.
    private static readonly string LiveStates = PostStates.SqlList(PostStates.Live);
    private static readonly string UnsentStates = PostStates.SqlList(PostStates.Unsent);
    private static readonly string LeasedState = PostStates.Sql(PostStates.Leased);

    // The operator's kill switch (channel pause): a paused channel's posts are neither claimed nor waited for; they stay
    // Queued, untouched, until it is resumed. Every process on the ledger sees the same switches.
    private const string NotSwitchedOff = "NOT EXISTS (SELECT 1 FROM channel_switches s WHERE s.channel IN (p.channel, '*'))";

    // A version of an article: its first (from EnqueueAsync, no update posts) or a later one (EnqueueRevisionAsync).
    private const string InsertArticleSql =
        """
        INSERT INTO articles (key, content_hash, near_key, source, title, url, language, published_at, created_at, identity, update_posts)
        VALUES ($key, $hash, $near, $source, $title, $url, $lang, $published, $now, $identity, $updates)
        ON CONFLICT(key) DO NOTHING;
        """;

    // A post, queued; a second post for the same article version and channel is ignored.
    private const string InsertPostSql =
        """
        INSERT INTO posts (article_id, channel, payload, idempotency_key, state, urgent, due_at, ready_at, attempts, created_at, updated_at)
        VALUES ($article, $channel, $payload, $idem, $initial, $urgent, $due, $ready, 0, $now, $now)
        ON CONFLICT DO NOTHING;
        """;

    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private bool _initialized;

    // After start-up the file must exist: a connection that silently created a fresh one would post history again.
    private readonly string _configured = connectionString;
    private string _connectionString = connectionString;

    // The identity written into the file at its creation, and an unpooled way to read it from the file now at the
    // path (a pooled connection may still hold a deleted file open).
    private string? _identity;
    private string? _identityCheck;

    // Writes reuse one open connection behind the gate: a pooled open still runs the pragmas, and at a thousand
    // posts a second the claim and record transactions are the dispatcher's main cost.
    private SqliteConnection? _writer;

    public void Dispose()
    {
        _writer?.Dispose();
        _writeGate.Dispose();
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(_configured);
        if (builder.DataSource is { Length: > 0 } path && path != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }

            SqliteLedgerFile.CreatePrivate(Path.GetFullPath(path));
        }

        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);

            // A migration may rebuild a table others reference; foreign keys are checked once at its end instead.
            await ExecuteAsync(connection, null, "PRAGMA foreign_keys = OFF;", cancellationToken);

            // The version is read inside the write transaction (Microsoft.Data.Sqlite begins IMMEDIATE): a verb and
            // the service starting together on a new file would otherwise both see version 0 and both migrate.
            while (true)
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken), CultureInfo.InvariantCulture);
                if (version > SqliteSchema.Migrations.Count)
                {
                    throw new InvalidOperationException(
                        $"The ledger at '{builder.DataSource}' has schema version {version}, newer than this build knows ({SqliteSchema.Migrations.Count}). Run a newer SyndicationBot or point Storage:ConnectionString at another file.");
                }

                if (version == SqliteSchema.Migrations.Count)
                {
                    await transaction.CommitAsync(cancellationToken);
                    break;
                }

                await ExecuteAsync(connection, transaction, SqliteSchema.Migrations[version], cancellationToken);
                if (await ScalarAsync(connection, transaction, "PRAGMA foreign_key_check;", cancellationToken) is not null)
                {
                    throw new InvalidOperationException($"Migrating the ledger at '{builder.DataSource}' to version {version + 1} broke a foreign key; the file is left at version {version}.");
                }

                await ExecuteAsync(connection, transaction, $"PRAGMA user_version = {version + 1};", cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Log.Migrated(logger, version + 1);
            }

            _identity = await ScalarAsync(connection, null, "SELECT id FROM ledger_identity;", cancellationToken) as string;
        }
        finally
        {
            _writeGate.Release();
        }

        if (SqliteLedgerFile.PathOf(_configured) is not null)
        {
            if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
            {
                _connectionString = new SqliteConnectionStringBuilder(_configured) { Mode = SqliteOpenMode.ReadWrite }.ToString();
            }

            _identityCheck = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        }

        _initialized = true;
    }

    /// <summary>
    /// Throws <see cref="LedgerUnavailableException"/> when the file at the ledger's path is no longer the one
    /// opened at start (deleted, or replaced by another database or a copy of another ledger).
    /// </summary>
    public async Task VerifyIdentityAsync(CancellationToken cancellationToken)
    {
        if (_identityCheck is null)
        {
            return;
        }

        var path = SqliteLedgerFile.PathOf(_configured)!;
        string? found;
        string? why = null;
        if (SqliteLedgerFile.HeldOpenAfterUnlink(path))
        {
            // Checked first: opening a file moved over ours would read our -wal into it.
            throw Lost(path, "was deleted or replaced (this process still holds the old one open)");
        }

        try
        {
            await using var connection = new SqliteConnection(_identityCheck);
            await connection.OpenAsync(cancellationToken);
            found = await ScalarAsync(connection, null, "SELECT id FROM ledger_identity;", cancellationToken) as string;
        }
        catch (SqliteException exception) when ((exception.SqliteErrorCode & 0xFF) is 1 or 11 or 14 or 26)
        {
            // 1: no such table (another database), 11/26: not a database any more, 14: the file is gone.
            found = null;
            why = exception.Message;
        }

        if (!string.Equals(found, _identity, StringComparison.Ordinal))
        {
            throw Lost(path, why is null ? $"holds another ledger (id {found ?? "none"}, expected {_identity})" : $"is gone or no longer this ledger ({why})");
        }
    }

    private static LedgerUnavailableException Lost(string path, string what) =>
        new($"The ledger file '{path}' {what}: it was deleted or replaced while the service was running. Dispatch stopped so nothing is posted again. " +
            "Put the original file back (or restore it from a backup) and restart; starting on a fresh ledger posts again every page and feed item it no longer remembers.");

    public async Task<bool> ContainsArticleAsync(Article article, CancellationToken cancellationToken) =>
        await MatchArticleAsync(article, identity: null, cancellationToken) is not ArticleMatch.Unknown;

    public Task<int> EnqueueAsync(Article article, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnqueueManyAsync([(article, posts)], now, cancellationToken);

    public Task<int> EnqueueAsync(Article article, string? identity, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnqueueCoreAsync([(article, identity, posts)], now, cancellationToken);

    public async Task<ArticleMatch> MatchArticleAsync(Article article, string? identity, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ArticleMatcher.MatchAsync(article, identity, new Lookups(this, connection), cancellationToken);
    }

    public async Task<RevisionOutcome> EnqueueRevisionAsync(Article revision, string identity, IReadOnlyList<PostRefresh> refreshed, IReadOnlyList<NewPost> updatePosts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(refreshed);
        ArgumentNullException.ThrowIfNull(updatePosts);
        return await WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var nowMs = now.ToUnixTimeMilliseconds();
                var key = ArticleIdentity.RevisionKey(revision);
                await ExecuteAsync(
                    connection,
                    transaction,
                    InsertArticleSql,
                    cancellationToken,
                    ("$key", key),
                    ("$hash", revision.ContentHash),
                    ("$near", ArticleIdentity.NearKey(revision)),
                    ("$source", revision.Source),
                    ("$title", revision.Title),
                    ("$url", revision.Url?.AbsoluteUri),
                    ("$lang", revision.Language),
                    ("$published", revision.PublishedAt?.ToUnixTimeMilliseconds()),
                    ("$now", nowMs),
                    ("$identity", identity),
                    ("$updates", updatePosts.Count));
                var articleId = Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT id FROM articles WHERE key = $key;", cancellationToken, ("$key", key)), CultureInfo.InvariantCulture);

                // Only a post that has not left may change; one claimed meanwhile goes out with the text it had.
                var refreshedCount = 0;
                foreach (var refresh in refreshed)
                {
                    refreshedCount += await ExecuteAsync(
                        connection,
                        transaction,
                        $"UPDATE posts SET payload = $payload, updated_at = $now WHERE id = $id AND state IN {UnsentStates};",
                        cancellationToken,
                        ("$payload", JsonSerializer.Serialize(refresh.Draft, QueueJsonContext.Default.PostDraft)),
                        ("$now", nowMs),
                        ("$id", refresh.PostId));
                }

                var added = 0;
                foreach (var post in updatePosts)
                {
                    added += await ExecuteAsync(
                        connection,
                        transaction,
                        InsertPostSql,
                        cancellationToken,
                        ("$article", articleId),
                        ("$channel", post.Draft.Channel),
                        ("$payload", JsonSerializer.Serialize(post.Draft, QueueJsonContext.Default.PostDraft)),
                        ("$idem", ArticleIdentity.IdempotencyKey(key, post.Draft.Channel)),
                        ("$urgent", post.Urgent ? 1 : 0),
                        ("$due", post.DueAt.ToUnixTimeMilliseconds()),
                        ("$ready", PostStates.EntryReadyAt(post)?.ToUnixTimeMilliseconds()),
                        ("$initial", (int)PostStates.Entry(post)),
                        ("$now", nowMs));
                }

                await transaction.CommitAsync(cancellationToken);
                return new RevisionOutcome(refreshedCount, added);
            },
            cancellationToken);
    }

    /// <summary>
    /// Records many articles and their posts in one transaction (bulk imports, feeds with many items): one commit
    /// and statements prepared once, instead of a commit per article. Same rules as <see cref="EnqueueAsync"/>.
    /// </summary>
    public Task<int> EnqueueManyAsync(IReadOnlyList<(Article Article, IReadOnlyList<NewPost> Posts)> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return EnqueueCoreAsync([.. items.Select(item => (item.Article, ArticleIdentity.Identity(item.Article, bySource: false), item.Posts))], now, cancellationToken);
    }

    private async Task<int> EnqueueCoreAsync(IReadOnlyList<(Article Article, string? Identity, IReadOnlyList<NewPost> Posts)> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        return await WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var nowMs = now.ToUnixTimeMilliseconds();

                await using var insertArticle = connection.CreateCommand();
                insertArticle.Transaction = transaction;
                insertArticle.CommandText =
                    InsertArticleSql;
                var aKey = insertArticle.Parameters.Add("$key", SqliteType.Text);
                var aHash = insertArticle.Parameters.Add("$hash", SqliteType.Text);
                var aNear = insertArticle.Parameters.Add("$near", SqliteType.Text);
                var aSource = insertArticle.Parameters.Add("$source", SqliteType.Text);
                var aTitle = insertArticle.Parameters.Add("$title", SqliteType.Text);
                var aUrl = insertArticle.Parameters.Add("$url", SqliteType.Text);
                var aLang = insertArticle.Parameters.Add("$lang", SqliteType.Text);
                var aPublished = insertArticle.Parameters.Add("$published", SqliteType.Integer);
                var aIdentity = insertArticle.Parameters.Add("$identity", SqliteType.Text);
                insertArticle.Parameters.AddWithValue("$updates", 0);
                insertArticle.Parameters.AddWithValue("$now", nowMs);

                await using var selectArticle = connection.CreateCommand();
                selectArticle.Transaction = transaction;
                selectArticle.CommandText = "SELECT id FROM articles WHERE key = $key;";
                var sKey = selectArticle.Parameters.Add("$key", SqliteType.Text);

                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText =
                    InsertPostSql;
                var pArticle = insert.Parameters.Add("$article", SqliteType.Integer);
                var pChannel = insert.Parameters.Add("$channel", SqliteType.Text);
                var pPayload = insert.Parameters.Add("$payload", SqliteType.Text);
                var pIdem = insert.Parameters.Add("$idem", SqliteType.Text);
                var pUrgent = insert.Parameters.Add("$urgent", SqliteType.Integer);
                var pDue = insert.Parameters.Add("$due", SqliteType.Integer);
                var pReady = insert.Parameters.Add("$ready", SqliteType.Integer);
                var pState = insert.Parameters.Add("$initial", SqliteType.Integer);
                insert.Parameters.AddWithValue("$now", nowMs);

                var added = 0;
                foreach (var (article, identity, posts) in items)
                {
                    // An identity equal to the key (the canonical URL) is found through the key's own index.
                    aIdentity.Value = identity is null || identity == article.Key ? DBNull.Value : identity;
                    aKey.Value = sKey.Value = article.Key;
                    aHash.Value = article.ContentHash;
                    aNear.Value = ArticleIdentity.NearKey(article);
                    aSource.Value = article.Source;
                    aTitle.Value = article.Title;
                    aUrl.Value = (object?)article.Url?.AbsoluteUri ?? DBNull.Value;
                    aLang.Value = article.Language;
                    aPublished.Value = (object?)article.PublishedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value;
                    await insertArticle.ExecuteNonQueryAsync(cancellationToken);
                    pArticle.Value = Convert.ToInt64(await selectArticle.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                    foreach (var post in posts)
                    {
                        pChannel.Value = post.Draft.Channel;
                        pPayload.Value = JsonSerializer.Serialize(post.Draft, QueueJsonContext.Default.PostDraft);
                        pIdem.Value = ArticleIdentity.IdempotencyKey(article.Key, post.Draft.Channel);
                        pUrgent.Value = post.Urgent ? 1 : 0;
                        pDue.Value = post.DueAt.ToUnixTimeMilliseconds();
                        pReady.Value = (object?)PostStates.EntryReadyAt(post)?.ToUnixTimeMilliseconds() ?? DBNull.Value;
                        pState.Value = (int)PostStates.Entry(post);
                        added += await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                return added;
            },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> GetLastDueAsync(string channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var value = await ScalarAsync(
            connection,
            null,
            $"SELECT MAX(due_at) FROM posts WHERE channel = $channel AND state IN {LiveStates};",
            cancellationToken,
            ("$channel", channel));
        return FromMs(value);
    }

    public async Task<IReadOnlyList<DateTimeOffset>> GetDueTimesAsync(string channel, DateTimeOffset windowStart, DateTimeOffset windowEnd, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT due_at FROM posts WHERE channel = $channel AND due_at >= $from AND due_at < $to AND state IN {LiveStates} ORDER BY due_at;";
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$from", windowStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", windowEnd.ToUnixTimeMilliseconds());
        var result = new List<DateTimeOffset>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)));
        }

        return result;
    }

    public async Task<DateTimeOffset?> GetLastPublishedAsync(string channel, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var value = await ScalarAsync(
            connection,
            null,
            "SELECT MAX(published_at) FROM posts WHERE channel = $channel AND published_at IS NOT NULL;",
            cancellationToken,
            ("$channel", channel));
        return FromMs(value);
    }

    public async Task<int> CountPublishedAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var value = await ScalarAsync(
            connection,
            null,
            "SELECT COUNT(*) FROM posts WHERE channel = $channel AND published_at >= $from AND published_at < $to;",
            cancellationToken,
            ("$channel", channel),
            ("$from", fromInclusive.ToUnixTimeMilliseconds()),
            ("$to", toExclusive.ToUnixTimeMilliseconds()));
        return Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }

    public async Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);

        // One statement, each half answered from its partial index.
        return FromMs(await ScalarAsync(
            connection,
            null,
            $"""
            SELECT MIN(at) FROM (
                SELECT MIN(p.ready_at) AS at FROM posts p WHERE p.ready_at IS NOT NULL AND {NotSwitchedOff}
                UNION ALL
                SELECT MIN(lease_expires_at) FROM posts WHERE state = {LeasedState});
            """,
            cancellationToken));
    }

    public async Task<IReadOnlyList<QueuedPost>> ClaimDueAsync(DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        return await WriteAsync(
            async connection =>
            {
                var nowMs = now.ToUnixTimeMilliseconds();

                // Before anything leaves: the writer may still hold a file deleted or replaced under the service.
                await VerifyIdentityAsync(cancellationToken);

                // Most rounds find nothing due: answer those from the index without taking SQLite's write lock.
                if (await ScalarAsync(connection, null, $"SELECT 1 FROM posts p WHERE p.ready_at IS NOT NULL AND p.ready_at <= $now AND {NotSwitchedOff} LIMIT 1;", cancellationToken, ("$now", nowMs)) is null)
                {
                    return [];
                }

                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var claimed = new List<QueuedPost>();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = transaction;
                    select.CommandText = $"SELECT {PostColumns} FROM {PostsJoined} WHERE p.ready_at IS NOT NULL AND p.ready_at <= $now AND {NotSwitchedOff} ORDER BY p.urgent DESC, p.ready_at, p.id LIMIT $max;";
                    select.Parameters.AddWithValue("$now", nowMs);
                    select.Parameters.AddWithValue("$max", max);
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        claimed.Add(ReadPost(reader));
                    }
                }

                var expires = (now + lease).ToUnixTimeMilliseconds();
                for (var i = 0; i < claimed.Count; i++)
                {
                    var post = claimed[i];
                    await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        UPDATE posts SET state = $leased, ready_at = NULL, attempts = attempts + 1, lease_owner = $owner,
                                         lease_expires_at = $expires, lease_token = lease_token + 1, updated_at = $now
                        WHERE id = $id;
                        INSERT INTO attempts (post_id, attempt, owner, started_at) VALUES ($id, $attempt, $owner, $now);
                        """,
                        cancellationToken,
                        ("$leased", (int)PostStates.Leased),
                        ("$owner", owner),
                        ("$expires", expires),
                        ("$now", nowMs),
                        ("$id", post.Id),
                        ("$attempt", post.Attempts + 1));
                    claimed[i] = post with
                    {
                        State = PostState.Publishing,
                        Attempts = post.Attempts + 1,
                        LeaseOwner = owner,
                        LeaseExpiresAt = now + lease,
                        LeaseToken = post.LeaseToken + 1,
                    };
                }

                await transaction.CommitAsync(cancellationToken);
                return claimed;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<QueuedPost>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryPostsAsync(
            $"SELECT {PostColumns} FROM {PostsJoined} WHERE p.state = {LeasedState} AND p.lease_expires_at <= $now ORDER BY p.lease_expires_at;",
            cancellationToken,
            ("$now", now.ToUnixTimeMilliseconds()));

    public async Task<bool> RecordAsync(PostLease lease, PostOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        var nowMs = now.ToUnixTimeMilliseconds();
        var write = PostStates.Write(outcome, now);
        var (state, label, error, remoteId, remoteUrl) = (write.State, write.Label, write.Error, write.RemoteId, write.RemoteUrl);
        var readyAt = write.ReadyAt?.ToUnixTimeMilliseconds();
        var publishedAt = write.PublishedAt?.ToUnixTimeMilliseconds();

        // The last line of defence: whatever a channel or the dispatcher put in the error, no secret is stored.
        error = redactor is null ? error : redactor.Redact(error);

        return await WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var released = outcome is PostOutcome.Released;

                // The fence: only the claim that is still current (same owner, same token, still leased) may record.
                var changed = await ExecuteAsync(
                    connection,
                    transaction,
                    """
                    UPDATE posts SET state = $state, ready_at = $ready, last_error = $error,
                                     next_attempt_at = CASE WHEN $state = $retryWaiting THEN $ready ELSE NULL END,
                                     remote_id = COALESCE($remoteId, remote_id), remote_url = COALESCE($remoteUrl, remote_url),
                                     published_at = COALESCE($publishedAt, published_at),
                                     attempts = CASE WHEN $released = 1 AND attempts > 0 THEN attempts - 1 ELSE attempts END,
                                     lease_owner = NULL, lease_expires_at = NULL, updated_at = $now
                    WHERE id = $id AND state = $leased AND lease_owner = $owner AND lease_token = $token;
                    """,
                    cancellationToken,
                    ("$state", (int)state),
                    ("$retryWaiting", (int)PostState.RetryWaiting),
                    ("$leased", (int)PostStates.Leased),
                    ("$ready", readyAt),
                    ("$error", error),
                    ("$remoteId", remoteId),
                    ("$remoteUrl", remoteUrl),
                    ("$publishedAt", publishedAt),
                    ("$released", released ? 1 : 0),
                    ("$now", nowMs),
                    ("$id", lease.PostId),
                    ("$owner", lease.Owner),
                    ("$token", lease.Token));
                if (changed > 0)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        """
                        UPDATE attempts SET finished_at = $now, outcome = $label, detail = $error
                        WHERE id = (SELECT MAX(id) FROM attempts WHERE post_id = $id AND owner = $owner);
                        """,
                        cancellationToken,
                        ("$now", nowMs),
                        ("$label", label),
                        ("$error", error),
                        ("$id", lease.PostId),
                        ("$owner", lease.Owner));
                }

                await transaction.CommitAsync(cancellationToken);
                return changed > 0;
            },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> TakeSendTurnAsync(string channel, DateTimeOffset now, TimeSpan minSpacing, CancellationToken cancellationToken)
    {
        return await WriteAsync(
            async connection =>
            {
                // One statement: the turn is taken only when the last one is old enough, atomically under SQLite's lock.
                var taken = await ExecuteAsync(
                    connection,
                    null,
                    """
                    INSERT INTO channel_turns (channel, last_sent_at) VALUES ($channel, $now)
                    ON CONFLICT(channel) DO UPDATE SET last_sent_at = excluded.last_sent_at WHERE channel_turns.last_sent_at <= $latest;
                    """,
                    cancellationToken,
                    ("$channel", channel),
                    ("$now", now.ToUnixTimeMilliseconds()),
                    ("$latest", (now - minSpacing).ToUnixTimeMilliseconds()));
                if (taken > 0)
                {
                    return (DateTimeOffset?)null;
                }

                var last = FromMs(await ScalarAsync(connection, null, "SELECT last_sent_at FROM channel_turns WHERE channel = $channel;", cancellationToken, ("$channel", channel)));
                return last + minSpacing;
            },
            cancellationToken);
    }

    public async Task<DateTimeOffset?> TakeWindowPermitAsync(string channel, DateTimeOffset now, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        return await WriteAsync(
            async connection =>
            {
                var taken = await ExecuteAsync(
                    connection,
                    null,
                    """
                    INSERT INTO channel_windows (channel, window_start, used) VALUES ($channel, $now, 1)
                    ON CONFLICT(channel) DO UPDATE SET
                        window_start = CASE WHEN channel_windows.window_start <= $closed THEN $now ELSE channel_windows.window_start END,
                        used = CASE WHEN channel_windows.window_start <= $closed THEN 1 ELSE channel_windows.used + 1 END
                    WHERE channel_windows.window_start <= $closed OR channel_windows.used < $permits;
                    """,
                    cancellationToken,
                    ("$channel", channel),
                    ("$now", now.ToUnixTimeMilliseconds()),
                    ("$closed", (now - window).ToUnixTimeMilliseconds()),
                    ("$permits", permits));
                if (taken > 0)
                {
                    return (DateTimeOffset?)null;
                }

                return FromMs(await ScalarAsync(connection, null, "SELECT window_start FROM channel_windows WHERE channel = $channel;", cancellationToken, ("$channel", channel))) + window;
            },
            cancellationToken);
    }

    public async Task MarkRequestAsync(long postId, string owner, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await WriteAsync(
            async connection =>
            {
                await ExecuteAsync(
                    connection,
                    null,
                    "UPDATE attempts SET request_at = $now WHERE id = (SELECT MAX(id) FROM attempts WHERE post_id = $id AND owner = $owner);",
                    cancellationToken,
                    ("$now", now.ToUnixTimeMilliseconds()),
                    ("$id", postId),
                    ("$owner", owner));
            },
            cancellationToken);
    }

    public async Task<bool> WasRequestMarkedAsync(long postId, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var marked = await ScalarAsync(
            connection,
            null,
            "SELECT request_at FROM attempts WHERE post_id = $id AND owner = $owner ORDER BY id DESC LIMIT 1;",
            cancellationToken,
            ("$id", postId),
            ("$owner", owner));
        return marked is not null;
    }

    public async Task<QueuedPost?> GetAsync(long postId, CancellationToken cancellationToken)
    {
        var posts = await QueryPostsAsync($"SELECT {PostColumns} FROM {PostsJoined} WHERE p.id = $id;", cancellationToken, ("$id", postId));
        return posts.Count == 0 ? null : posts[0];
    }

    public Task<IReadOnlyList<QueuedPost>> ListAsync(IReadOnlyCollection<PostState> states, int limit, bool newestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<QueuedPost>>([]);
        }

        var stateList = PostStates.SqlList(states);
        var order = newestFirst ? "DESC" : "ASC";
        return QueryPostsAsync(
            $"SELECT {PostColumns} FROM {PostsJoined} WHERE p.state IN {stateList} ORDER BY COALESCE(p.published_at, p.ready_at, p.due_at) {order}, p.id {order} LIMIT $limit;",
            cancellationToken,
            ("$limit", limit));
    }

    public async Task<IReadOnlyDictionary<PostState, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT state, COUNT(*) FROM posts GROUP BY state;";
        var result = new Dictionary<PostState, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result[(PostState)reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return result;
    }

    public Task<bool> CancelAsync(long postId, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(
            postId,
            "state = $to, ready_at = NULL, next_attempt_at = NULL, last_error = 'cancelled by the operator'",
            PostStates.Cancellable,
            PostState.Cancelled,
            now,
            null,
            cancellationToken);

    public Task<bool> RetryAsync(long postId, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(
            postId,
            "state = $to, ready_at = $at, due_at = $at, next_attempt_at = NULL",
            PostStates.Retryable,
            PostStates.Initial,
            now,
            now,
            cancellationToken);

    public Task<bool> RescheduleAsync(long postId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(
            postId,
            "state = $to, ready_at = $at, due_at = $at, next_attempt_at = NULL",
            PostStates.Reschedulable,
            PostStates.Initial,
            now,
            dueAt,
            cancellationToken);

    public Task<bool> ApproveAsync(long postId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(
            postId,
            "state = $to, ready_at = $at, due_at = $at, next_attempt_at = NULL, last_error = NULL",
            PostStates.Approvable,
            PostStates.Initial,
            now,
            dueAt,
            cancellationToken);

    public async Task<IReadOnlyList<long>> ExpireHeldAsync(DateTimeOffset heldBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var held = PostStates.SqlList(PostStates.Approvable);
        return await WriteAsync(
            async connection =>
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                var ids = new List<long>();
                await using (var select = connection.CreateCommand())
                {
                    select.Transaction = transaction;
                    select.CommandText = $"SELECT id FROM posts WHERE state IN {held} AND created_at < $before ORDER BY id;";
                    select.Parameters.AddWithValue("$before", heldBefore.ToUnixTimeMilliseconds());
                    await using var reader = await select.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        ids.Add(reader.GetInt64(0));
                    }
                }

                foreach (var id in ids)
                {
                    await ExecuteAsync(
                        connection,
                        transaction,
                        $"UPDATE posts SET state = $to, ready_at = NULL, next_attempt_at = NULL, last_error = $reason, updated_at = $now WHERE id = $id AND state IN {held};",
                        cancellationToken,
                        ("$to", (int)PostState.Cancelled),
                        ("$reason", reason),
                        ("$now", now.ToUnixTimeMilliseconds()),
                        ("$id", id));
                }

                await transaction.CommitAsync(cancellationToken);
                return (IReadOnlyList<long>)ids;
            },
            cancellationToken);
    }

    public async Task<IngestRecord?> GetIngestAsync(string fingerprint, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT fingerprint, source, outcome, detail, at FROM ingested WHERE fingerprint = $f;";
        command.Parameters.AddWithValue("$f", fingerprint);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new IngestRecord(
            reader.GetString(0),
            reader.GetString(1),
            IngestOutcomeWords.FromWord(reader.GetString(2)),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)));
    }

    public async Task RecordIngestAsync(IngestRecord record, CancellationToken cancellationToken)
    {
        await WriteAsync(
            async connection =>
            {
                await ExecuteAsync(
                    connection,
                    null,
                    "INSERT OR REPLACE INTO ingested (fingerprint, source, outcome, detail, at) VALUES ($f, $s, $o, $d, $at);",
                    cancellationToken,
                    ("$f", record.Fingerprint),
                    ("$s", record.Source),
                    ("$o", record.Outcome.ToWord()),
                    ("$d", redactor is null ? record.Detail : redactor.Redact(record.Detail)),
                    ("$at", record.At.ToUnixTimeMilliseconds()));
            },
            cancellationToken);
    }

    private async Task<bool> OperatorUpdateAsync(long postId, string set, IReadOnlyList<PostState> from, PostState to, DateTimeOffset now, DateTimeOffset? at, CancellationToken cancellationToken)
    {
        var allowed = $"state IN {PostStates.SqlList(from)}";
        return await WriteAsync(
            async connection =>
            {
                var changed = await ExecuteAsync(
                    connection,
                    null,
                    $"UPDATE posts SET {set}, updated_at = $now WHERE id = $id AND {allowed};",
                    cancellationToken,
                    ("$now", now.ToUnixTimeMilliseconds()),
                    ("$at", at?.ToUnixTimeMilliseconds()),
                    ("$to", (int)to),
                    ("$id", postId));
                return changed > 0;
            },
            cancellationToken);
    }

    private async Task<IReadOnlyList<QueuedPost>> QueryPostsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = new List<QueuedPost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadPost(reader));
        }

        return result;
    }

    private static QueuedPost ReadPost(SqliteDataReader reader)
    {
        var draft = JsonSerializer.Deserialize(reader.GetString(4), QueueJsonContext.Default.PostDraft)
            ?? throw new InvalidDataException($"Post {reader.GetInt64(0)} has an empty payload in the ledger.");
        return new QueuedPost(
            Id: reader.GetInt64(0),
            ArticleKey: reader.GetString(1),
            ArticleTitle: reader.GetString(2),
            Channel: reader.GetString(3),
            Draft: draft,
            IdempotencyKey: reader.GetString(5),
            State: (PostState)reader.GetInt32(6),
            DueAt: DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
            Attempts: reader.GetInt32(8),
            NextAttemptAt: reader.IsDBNull(9) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
            LastError: reader.IsDBNull(10) ? null : reader.GetString(10),
            RemoteId: reader.IsDBNull(11) ? null : reader.GetString(11),
            RemoteUrl: reader.IsDBNull(12) ? null : new Uri(reader.GetString(12)),
            PublishedAt: reader.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(13)),
            LeaseOwner: reader.IsDBNull(14) ? null : reader.GetString(14),
            LeaseExpiresAt: reader.IsDBNull(15) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)),
            Urgent: reader.GetInt32(16) != 0,
            LeaseToken: reader.GetInt64(17));
    }

    // Every write runs here: one at a time on the shared writer connection, which is dropped when a statement
    // fails (busy past the timeout, disk full, cancelled) because it may be left unusable.
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            return await write(await WriterAsync(cancellationToken));
        }
        catch
        {
            await DropWriterAsync();
            throw;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private Task<bool> WriteAsync(Func<SqliteConnection, Task> write, CancellationToken cancellationToken) =>
        WriteAsync(
            async connection =>
            {
                await write(connection);
                return true;
            },
            cancellationToken);

    // Callers hold the write gate.
    private async Task<SqliteConnection> WriterAsync(CancellationToken cancellationToken)
    {
        if (_writer is null)
        {
            var writer = await OpenAsync(cancellationToken);

            // Inserts into a large ledger touch random pages of the hash-keyed unique indexes; a larger page cache
            // (64 MiB, for this one connection) keeps them from being re-read on every batch.
            await ExecuteAsync(writer, null, "PRAGMA cache_size = -65536;", cancellationToken);
            _writer = writer;
        }

        return _writer;
    }

    private async Task DropWriterAsync()
    {
        if (_writer is { } writer)
        {
            _writer = null;
            await writer.DisposeAsync();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();

        // NORMAL is durable in WAL mode except for the last commits on power loss; a process crash loses nothing.
        pragma.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }

    private static DateTimeOffset? FromMs(object? value) =>
        value is null ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, CultureInfo.InvariantCulture));

    // The facts ArticleMatcher decides on, on one open connection.
    private sealed class Lookups(SqlitePostQueue queue, SqliteConnection connection) : IArticleLookups
    {
        public async Task<KnownVersion?> LatestVersionAsync(string identity, string contentHash, CancellationToken cancellationToken)
        {
            // The latest version of this identity (its newest row) is what the current posts were composed from.
            await using var latest = connection.CreateCommand();
            latest.CommandText =
                """
                SELECT near_key,
                       EXISTS (SELECT 1 FROM articles WHERE (identity = $identity OR key = $identity) AND content_hash = $hash),
                       (SELECT COUNT(*) FROM articles WHERE identity = $identity AND update_posts > 0),
                       (SELECT MAX(created_at) FROM articles WHERE identity = $identity AND update_posts > 0)
                FROM articles WHERE identity = $identity OR key = $identity ORDER BY id DESC LIMIT 1;
                """;
            latest.Parameters.AddWithValue("$identity", identity);
            latest.Parameters.AddWithValue("$hash", contentHash);
            await using var reader = await latest.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new KnownVersion(reader.GetString(0), reader.GetInt64(1) != 0, reader.GetInt32(2), reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)))
                : null;
        }

        public async Task<bool> SameStoryElsewhereAsync(string identity, string contentHash, string nearKey, CancellationToken cancellationToken) =>
            await ScalarAsync(
                connection,
                null,
                "SELECT 1 FROM articles WHERE (content_hash = $hash OR near_key = $near) AND COALESCE(identity, key) <> $identity LIMIT 1;",
                cancellationToken,
                ("$hash", contentHash),
                ("$near", nearKey),
                ("$identity", identity)) is not null;

        public Task<IReadOnlyList<QueuedPost>> LatestPostsAsync(string identity, CancellationToken cancellationToken) =>
            queue.QueryPostsAsync(
                $"""
                SELECT {PostColumns} FROM {PostsJoined}
                WHERE p.id IN (SELECT MAX(p2.id) FROM posts p2 JOIN articles a2 ON a2.id = p2.article_id
                               WHERE a2.identity = $identity OR a2.key = $identity GROUP BY p2.channel)
                ORDER BY p.id;
                """,
                cancellationToken,
                ("$identity", identity));

        public async Task<bool> AnyAsync(string key, string contentHash, string nearKey, CancellationToken cancellationToken) =>
            await ScalarAsync(
                connection,
                null,
                "SELECT 1 FROM articles WHERE key = $key OR content_hash = $hash OR near_key = $near LIMIT 1;",
                cancellationToken,
                ("$key", key),
                ("$hash", contentHash),
                ("$near", nearKey)) is not null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Ledger schema migrated to version {Version}")]
        public static partial void Migrated(ILogger logger, int version);
    }
}
