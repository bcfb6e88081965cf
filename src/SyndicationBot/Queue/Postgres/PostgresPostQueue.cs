using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using SyndicationBot.Articles;
using SyndicationBot.Configuration;

namespace SyndicationBot.Queue.Postgres;

/// <summary>
/// The ledger on a PostgreSQL server, shared by several replicas of the service. Row locks replace SQLite's single
/// writer: a claim takes due posts with <c>FOR UPDATE SKIP LOCKED</c> (two dispatchers never get the same post and
/// never wait for each other), every lease carries a fencing token that recording an outcome must present, and the
/// schema is migrated under an advisory lock so replicas starting together migrate once. Same rules as every adapter:
/// <see cref="PostStates"/> and <see cref="ArticleMatcher"/>.
/// </summary>
/// <remarks>
/// Work that must happen once (feed polling, folder watching) runs on every replica, and the ledger's unique keys
/// decide: article key, (article, channel) and idempotency key are inserted with <c>ON CONFLICT DO NOTHING</c>, so of
/// replicas ingesting one input at once, one queues its posts and the others add none. No replica is elected: an
/// elected ingester would need a take-over when it dies (a window in which nothing is read), while duplicates here
/// cost only a repeated fetch. Spacing between those posts is kept at dispatch by the channel's send turn
/// (<see cref="TakeSendTurnAsync"/>), not by the schedule each replica computed alone.
/// </remarks>
internal sealed partial class PostgresPostQueue : IPostQueue, IDisposable, IAsyncDisposable
{
    private const string PostColumns =
        "p.id, a.key, a.title, p.channel, p.payload, p.idempotency_key, p.state, p.due_at, p.attempts, p.next_attempt_at, " +
        "p.last_error, p.remote_id, p.remote_url, p.published_at, p.lease_owner, p.lease_expires_at, p.urgent, p.lease_token";

    private const string PostsJoined = "posts p JOIN articles a ON a.id = p.article_id";

    // The operator's kill switch, as on SQLite: a paused channel's posts are neither claimed nor waited for.
    private const string NotSwitchedOff = "NOT EXISTS (SELECT 1 FROM channel_switches s WHERE s.channel IN (p.channel, '*'))";

    private static readonly string LiveStates = PostStates.SqlList(PostStates.Live);
    private static readonly string UnsentStates = PostStates.SqlList(PostStates.Unsent);
    private static readonly string LeasedState = PostStates.Sql(PostStates.Leased);

    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<PostgresPostQueue> _logger;
    private readonly SecretRedactor? _redactor;
    private readonly SemaphoreSlim _initGate = new(1, 1);
    private volatile bool _initialized;

    /// <param name="connectionString">An Npgsql connection string, password included (see <see cref="PostgresConnectionString.Resolve"/>).</param>
    /// <param name="logger">The logger.</param>
    /// <param name="redactor">Masks secrets in errors before they are stored.</param>
    public PostgresPostQueue(string connectionString, ILogger<PostgresPostQueue> logger, SecretRedactor? redactor = null)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _logger = logger;
        _redactor = redactor;
    }

    /// <summary>The pool every statement of this ledger (and its operations side) runs on.</summary>
    internal NpgsqlDataSource DataSource => _dataSource;

    public void Dispose()
    {
        _dataSource.Dispose();
        _initGate.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _initGate.Dispose();
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (_initialized)
        {
            return;
        }

        await _initGate.WaitAsync(cancellationToken);
        try
        {
            if (_initialized)
            {
                return;
            }

            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

            // Held until commit: a replica that starts meanwhile waits here, then finds the schema current.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key);", cancellationToken, Long("key", PostgresSchema.MigrationLock));
            await ExecuteAsync(connection, transaction, "CREATE TABLE IF NOT EXISTS ledger_schema (version integer NOT NULL);", cancellationToken);
            var version = Convert.ToInt32(await ScalarAsync(connection, transaction, "SELECT COALESCE(MAX(version), 0) FROM ledger_schema;", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (version > PostgresSchema.Migrations.Count)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL ledger ({PostgresConnectionString.Masked(connection.ConnectionString)}) has schema version {version}, newer than this build knows ({PostgresSchema.Migrations.Count}). Run a newer SyndicationBot or point Storage:ConnectionString at another database.");
            }

            for (; version < PostgresSchema.Migrations.Count; version++)
            {
                await ExecuteAsync(connection, transaction, PostgresSchema.Migrations[version], cancellationToken);
                await ExecuteAsync(connection, transaction, "INSERT INTO ledger_schema (version) VALUES (@version);", cancellationToken, Int("version", version + 1));
                Log.Migrated(_logger, version + 1);
            }

            await transaction.CommitAsync(cancellationToken);
            _initialized = true;
        }
        finally
        {
            _initGate.Release();
        }
    }

    public async Task<bool> ContainsArticleAsync(Article article, CancellationToken cancellationToken) =>
        await MatchArticleAsync(article, identity: null, cancellationToken) is not ArticleMatch.Unknown;

    public async Task<ArticleMatch> MatchArticleAsync(Article article, string? identity, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ArticleMatcher.MatchAsync(article, identity, new Lookups(connection), cancellationToken);
    }

    public Task<int> EnqueueAsync(Article article, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnqueueManyAsync([(article, posts)], now, cancellationToken);

    public Task<int> EnqueueAsync(Article article, string? identity, IReadOnlyList<NewPost> posts, DateTimeOffset now, CancellationToken cancellationToken) =>
        EnqueueCoreAsync([(article, identity, posts)], now, cancellationToken);

    public Task<int> EnqueueManyAsync(IReadOnlyList<(Article Article, IReadOnlyList<NewPost> Posts)> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return EnqueueCoreAsync([.. items.Select(item => (item.Article, ArticleIdentity.Identity(item.Article, bySource: false), item.Posts))], now, cancellationToken);
    }

    public async Task<RevisionOutcome> EnqueueRevisionAsync(Article revision, string identity, IReadOnlyList<PostRefresh> refreshed, IReadOnlyList<NewPost> updatePosts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(refreshed);
        ArgumentNullException.ThrowIfNull(updatePosts);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var key = ArticleIdentity.RevisionKey(revision);
        await InsertArticlesAsync(connection, transaction, [(revision, key, identity)], updatePosts.Count, now, cancellationToken);
        var articleId = (long)(await ScalarAsync(connection, transaction, "SELECT id FROM articles WHERE key = @key;", cancellationToken, Text("key", key)))!;

        // Only a post that has not left may change; one claimed meanwhile goes out with the text it had.
        var refreshedCount = 0;
        foreach (var refresh in refreshed)
        {
            refreshedCount += await ExecuteAsync(
                connection,
                transaction,
                $"UPDATE posts SET payload = @payload, updated_at = @now WHERE id = @id AND state IN {UnsentStates};",
                cancellationToken,
                Text("payload", JsonSerializer.Serialize(refresh.Draft, QueueJsonContext.Default.PostDraft)),
                Time("now", now),
                Long("id", refresh.PostId));
        }

        var added = await InsertPostsAsync(connection, transaction, [.. updatePosts.Select(post => (articleId, key, post))], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RevisionOutcome(refreshedCount, added);
    }

    public async Task<DateTimeOffset?> GetLastDueAsync(string channel, CancellationToken cancellationToken) =>
        AsTime(await ScalarAsync($"SELECT MAX(due_at) FROM posts WHERE channel = @channel AND state IN {LiveStates};", cancellationToken, Text("channel", channel)));

    public async Task<IReadOnlyList<DateTimeOffset>> GetDueTimesAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken)
    {
        var result = new List<DateTimeOffset>();
        await QueryAsync(
            $"SELECT due_at FROM posts WHERE channel = @channel AND due_at >= @from AND due_at < @to AND state IN {LiveStates} ORDER BY due_at;",
            reader => result.Add(reader.GetFieldValue<DateTimeOffset>(0)),
            cancellationToken,
            Text("channel", channel),
            Time("from", fromInclusive),
            Time("to", toExclusive));
        return result;
    }

    public async Task<int> CountPublishedAsync(string channel, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken) =>
        Convert.ToInt32(
            await ScalarAsync(
                "SELECT COUNT(*) FROM posts WHERE channel = @channel AND published_at >= @from AND published_at < @to;",
                cancellationToken,
                Text("channel", channel),
                Time("from", fromInclusive),
                Time("to", toExclusive)),
            System.Globalization.CultureInfo.InvariantCulture);

    public async Task<DateTimeOffset?> GetLastPublishedAsync(string channel, CancellationToken cancellationToken) =>
        AsTime(await ScalarAsync("SELECT MAX(published_at) FROM posts WHERE channel = @channel AND published_at IS NOT NULL;", cancellationToken, Text("channel", channel)));

    public async Task<DateTimeOffset?> GetNextWakeAsync(CancellationToken cancellationToken) =>
        AsTime(await ScalarAsync(
            $"""
            SELECT LEAST(
                (SELECT MIN(p.ready_at) FROM posts p WHERE p.ready_at IS NOT NULL AND {NotSwitchedOff}),
                (SELECT MIN(lease_expires_at) FROM posts WHERE state = {LeasedState}));
            """,
            cancellationToken));

    public async Task<IReadOnlyList<QueuedPost>> ClaimDueAsync(DateTimeOffset now, string owner, TimeSpan lease, int max, CancellationToken cancellationToken)
    {
        // One statement, one transaction: the due rows are locked as they are chosen (rows another replica is claiming
        // at this moment are skipped, not waited for), leased with a new fencing token, and their attempts logged.
        var claimed = await QueryPostsAsync(
            $"""
            WITH due AS (
                SELECT p.id, p.urgent, p.ready_at FROM posts p
                WHERE p.ready_at IS NOT NULL AND p.ready_at <= @now AND {NotSwitchedOff}
                ORDER BY p.urgent DESC, p.ready_at, p.id
                LIMIT @max
                FOR UPDATE OF p SKIP LOCKED
            ), leased AS (
                UPDATE posts p SET state = {LeasedState}, ready_at = NULL, attempts = p.attempts + 1, lease_owner = @owner,
                                   lease_expires_at = @expires, lease_token = p.lease_token + 1, updated_at = @now
                FROM due WHERE p.id = due.id
                RETURNING p.*
            ), logged AS (
                INSERT INTO attempts (post_id, attempt, owner, started_at)
                SELECT id, attempts, @owner, @now FROM leased
            )
            SELECT {PostColumns}
            FROM leased p JOIN articles a ON a.id = p.article_id JOIN due d ON d.id = p.id
            ORDER BY d.urgent DESC, d.ready_at, p.id;
            """,
            cancellationToken,
            Time("now", now),
            Int("max", max),
            Text("owner", owner),
            Time("expires", now + lease));
        return claimed;
    }

    public Task<IReadOnlyList<QueuedPost>> GetExpiredLeasesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        QueryPostsAsync(
            $"SELECT {PostColumns} FROM {PostsJoined} WHERE p.state = {LeasedState} AND p.lease_expires_at <= @now ORDER BY p.lease_expires_at, p.id;",
            cancellationToken,
            Time("now", now));

    public async Task<bool> RecordAsync(PostLease lease, PostOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(outcome);
        var (state, label, readyAt, error, remoteId, remoteUrl, publishedAt) = PostStates.Write(outcome, now);

        // The last line of defence: whatever a channel or the dispatcher put in the error, no secret is stored.
        error = _redactor is null ? error : _redactor.Redact(error);

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // The fence: only the claim that is still current (same owner, same token, still leased) may record.
        var changed = await ExecuteAsync(
            connection,
            transaction,
            $"""
            UPDATE posts SET state = @state, ready_at = @ready, last_error = @error,
                             next_attempt_at = CASE WHEN @retry THEN @ready ELSE NULL END,
                             remote_id = COALESCE(@remoteId, remote_id), remote_url = COALESCE(@remoteUrl, remote_url),
                             published_at = COALESCE(@publishedAt, published_at),
                             attempts = CASE WHEN @released AND attempts > 0 THEN attempts - 1 ELSE attempts END,
                             lease_owner = NULL, lease_expires_at = NULL, updated_at = @now
            WHERE id = @id AND state = {LeasedState} AND lease_owner = @owner AND lease_token = @token;
            """,
            cancellationToken,
            Short("state", state),
            Bool("retry", state == PostState.RetryWaiting),
            Time("ready", readyAt),
            Text("error", error),
            Text("remoteId", remoteId),
            Text("remoteUrl", remoteUrl),
            Time("publishedAt", publishedAt),
            Bool("released", outcome is PostOutcome.Released),
            Time("now", now),
            Long("id", lease.PostId),
            Text("owner", lease.Owner),
            Long("token", lease.Token));
        if (changed > 0)
        {
            await ExecuteAsync(
                connection,
                transaction,
                """
                UPDATE attempts SET finished_at = @now, outcome = @label, detail = @error
                WHERE id = (SELECT MAX(id) FROM attempts WHERE post_id = @id AND owner = @owner);
                """,
                cancellationToken,
                Time("now", now),
                Text("label", label),
                Text("error", error),
                Long("id", lease.PostId),
                Text("owner", lease.Owner));
        }

        await transaction.CommitAsync(cancellationToken);
        return changed > 0;
    }

    public async Task<DateTimeOffset?> TakeSendTurnAsync(string channel, DateTimeOffset now, TimeSpan minSpacing, CancellationToken cancellationToken)
    {
        // The upsert locks the channel's row: of replicas asking at once, one takes the turn, the others see it taken.
        var taken = await ExecuteAsync(
            """
            INSERT INTO channel_turns AS t (channel, last_sent_at) VALUES (@channel, @now)
            ON CONFLICT (channel) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at WHERE t.last_sent_at <= @latest;
            """,
            cancellationToken,
            Text("channel", channel),
            Time("now", now),
            Time("latest", now - minSpacing));
        return taken > 0
            ? null
            : AsTime(await ScalarAsync("SELECT last_sent_at FROM channel_turns WHERE channel = @channel;", cancellationToken, Text("channel", channel))) + minSpacing;
    }

    public async Task<DateTimeOffset?> TakeWindowPermitAsync(string channel, DateTimeOffset now, int permits, TimeSpan window, CancellationToken cancellationToken)
    {
        var taken = await ExecuteAsync(
            """
            INSERT INTO channel_windows AS w (channel, window_start, used) VALUES (@channel, @now, 1)
            ON CONFLICT (channel) DO UPDATE SET
                window_start = CASE WHEN w.window_start <= @closed THEN @now ELSE w.window_start END,
                used = CASE WHEN w.window_start <= @closed THEN 1 ELSE w.used + 1 END
            WHERE w.window_start <= @closed OR w.used < @permits;
            """,
            cancellationToken,
            Text("channel", channel),
            Time("now", now),
            Time("closed", now - window),
            Int("permits", permits));
        return taken > 0
            ? null
            : AsTime(await ScalarAsync("SELECT window_start FROM channel_windows WHERE channel = @channel;", cancellationToken, Text("channel", channel))) + window;
    }

    public async Task MarkRequestAsync(long postId, string owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE attempts SET request_at = @now WHERE id = (SELECT MAX(id) FROM attempts WHERE post_id = @id AND owner = @owner);",
            cancellationToken,
            Time("now", now),
            Long("id", postId),
            Text("owner", owner));

    public async Task<bool> WasRequestMarkedAsync(long postId, string owner, CancellationToken cancellationToken) =>
        await ScalarAsync(
            "SELECT request_at FROM attempts WHERE post_id = @id AND owner = @owner ORDER BY id DESC LIMIT 1;",
            cancellationToken,
            Long("id", postId),
            Text("owner", owner)) is not null;

    public async Task<QueuedPost?> GetAsync(long postId, CancellationToken cancellationToken)
    {
        var posts = await QueryPostsAsync($"SELECT {PostColumns} FROM {PostsJoined} WHERE p.id = @id;", cancellationToken, Long("id", postId));
        return posts.Count == 0 ? null : posts[0];
    }

    public Task<IReadOnlyList<QueuedPost>> ListAsync(IReadOnlyCollection<PostState> states, int limit, bool newestFirst, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        if (states.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<QueuedPost>>([]);
        }

        var order = newestFirst ? "DESC" : "ASC";
        return QueryPostsAsync(
            $"SELECT {PostColumns} FROM {PostsJoined} WHERE p.state IN {PostStates.SqlList(states)} ORDER BY COALESCE(p.published_at, p.ready_at, p.due_at) {order}, p.id {order} LIMIT @limit;",
            cancellationToken,
            Int("limit", limit));
    }

    public async Task<IReadOnlyDictionary<PostState, int>> CountByStateAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<PostState, int>();
        await QueryAsync(
            "SELECT state, COUNT(*) FROM posts GROUP BY state;",
            reader => result[(PostState)reader.GetInt16(0)] = (int)reader.GetInt64(1),
            cancellationToken);
        return result;
    }

    public Task<bool> CancelAsync(long postId, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(postId, "state = @to, ready_at = NULL, next_attempt_at = NULL, last_error = 'cancelled by the operator'", PostStates.Cancellable, PostState.Cancelled, now, null, cancellationToken);

    public Task<bool> RetryAsync(long postId, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(postId, "state = @to, ready_at = @at, due_at = @at, next_attempt_at = NULL", PostStates.Retryable, PostStates.Initial, now, now, cancellationToken);

    public Task<bool> RescheduleAsync(long postId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(postId, "state = @to, ready_at = @at, due_at = @at, next_attempt_at = NULL", PostStates.Reschedulable, PostStates.Initial, now, dueAt, cancellationToken);

    public Task<bool> ApproveAsync(long postId, DateTimeOffset dueAt, DateTimeOffset now, CancellationToken cancellationToken) =>
        OperatorUpdateAsync(postId, "state = @to, ready_at = @at, due_at = @at, next_attempt_at = NULL, last_error = NULL", PostStates.Approvable, PostStates.Initial, now, dueAt, cancellationToken);

    public async Task<IReadOnlyList<long>> ExpireHeldAsync(DateTimeOffset heldBefore, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        await QueryAsync(
            $"""
            UPDATE posts SET state = @to, ready_at = NULL, next_attempt_at = NULL, last_error = @reason, updated_at = @now
            WHERE state IN {PostStates.SqlList(PostStates.Approvable)} AND created_at < @before
            RETURNING id;
            """,
            reader => ids.Add(reader.GetInt64(0)),
            cancellationToken,
            Short("to", PostState.Cancelled),
            Text("reason", reason),
            Time("now", now),
            Time("before", heldBefore));
        ids.Sort();
        return ids;
    }

    public async Task<IngestRecord?> GetIngestAsync(string fingerprint, CancellationToken cancellationToken)
    {
        IngestRecord? record = null;
        await QueryAsync(
            "SELECT fingerprint, source, outcome, detail, at FROM ingested WHERE fingerprint = @f;",
            reader => record = ReadIngest(reader),
            cancellationToken,
            Text("f", fingerprint));
        return record;
    }

    public async Task RecordIngestAsync(IngestRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);

        // Insert or replace, as on SQLite: a replaced record counts as the newest (seq drawn again).
        await ExecuteAsync(
            """
            INSERT INTO ingested (fingerprint, source, outcome, detail, at) VALUES (@f, @s, @o, @d, @at)
            ON CONFLICT (fingerprint) DO UPDATE SET source = EXCLUDED.source, outcome = EXCLUDED.outcome, detail = EXCLUDED.detail,
                                                    at = EXCLUDED.at, seq = DEFAULT;
            """,
            cancellationToken,
            Text("f", record.Fingerprint),
            Text("s", record.Source),
            Text("o", record.Outcome.ToWord()),
            Text("d", _redactor is null ? record.Detail : _redactor.Redact(record.Detail)),
            Time("at", record.At));
    }

    internal static IngestRecord ReadIngest(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), IngestOutcomeWords.FromWord(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4));

    internal static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };

    internal static NpgsqlParameter Time(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = value is { } time ? time.ToUniversalTime() : DBNull.Value };

    internal static NpgsqlParameter Int(string name, int value) => new(name, NpgsqlDbType.Integer) { Value = value };

    internal static NpgsqlParameter Long(string name, long value) => new(name, NpgsqlDbType.Bigint) { Value = value };

    internal static NpgsqlParameter Short(string name, PostState value) => new(name, NpgsqlDbType.Smallint) { Value = (short)value };

    internal static NpgsqlParameter Bool(string name, bool value) => new(name, NpgsqlDbType.Boolean) { Value = value };

    internal async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ExecuteAsync(connection, null, sql, cancellationToken, parameters);
    }

    internal async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ScalarAsync(connection, null, sql, cancellationToken, parameters);
    }

    internal async Task QueryAsync(string sql, Action<NpgsqlDataReader> read, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Create(connection, null, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = Create(connection, transaction, sql, parameters);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is DBNull ? null : result;
    }

    private static NpgsqlCommand Create(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        return command;
    }

    private static DateTimeOffset? AsTime(object? value) => value switch
    {
        null => null,
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time,
        _ => throw new InvalidDataException($"Expected a time from the ledger, got {value.GetType().Name}."),
    };

    private static QueuedPost ReadPost(NpgsqlDataReader reader)
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
            State: (PostState)reader.GetInt16(6),
            DueAt: reader.GetFieldValue<DateTimeOffset>(7),
            Attempts: reader.GetInt32(8),
            NextAttemptAt: reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
            LastError: reader.IsDBNull(10) ? null : reader.GetString(10),
            RemoteId: reader.IsDBNull(11) ? null : reader.GetString(11),
            RemoteUrl: reader.IsDBNull(12) ? null : new Uri(reader.GetString(12)),
            PublishedAt: reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
            LeaseOwner: reader.IsDBNull(14) ? null : reader.GetString(14),
            LeaseExpiresAt: reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15),
            Urgent: reader.GetBoolean(16),
            LeaseToken: reader.GetInt64(17));
    }

    private static async Task<IReadOnlyList<QueuedPost>> QueryPostsAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = Create(connection, null, sql, parameters);
        var result = new List<QueuedPost>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            result.Add(ReadPost(reader));
        }

        return result;
    }

    // Articles by unnest(): one statement for a whole batch. A key already present is left as it is (DO NOTHING waits
    // for a concurrent insert of the same key to commit, then skips it), so two replicas recording one story keep one row.
    private static async Task InsertArticlesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(Article Article, string Key, string? Identity)> articles, int updatePosts, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            connection,
            transaction,
            """
            INSERT INTO articles (key, content_hash, near_key, source, title, url, language, published_at, created_at, identity, update_posts)
            SELECT k, h, n, s, t, u, l, pa, @now, i, @updates
            FROM unnest(@keys, @hashes, @nears, @sources, @titles, @urls, @langs, @published, @identities) AS x(k, h, n, s, t, u, l, pa, i)
            ON CONFLICT (key) DO NOTHING;
            """,
            cancellationToken,
            Time("now", now),
            Int("updates", updatePosts),
            TextArray("keys", [.. articles.Select(a => a.Key)]),
            TextArray("hashes", [.. articles.Select(a => a.Article.ContentHash)]),
            TextArray("nears", [.. articles.Select(a => ArticleIdentity.NearKey(a.Article))]),
            TextArray("sources", [.. articles.Select(a => a.Article.Source)]),
            TextArray("titles", [.. articles.Select(a => a.Article.Title)]),
            TextArray("urls", [.. articles.Select(a => a.Article.Url?.AbsoluteUri)]),
            TextArray("langs", [.. articles.Select(a => a.Article.Language)]),
            new NpgsqlParameter("published", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = articles.Select(a => a.Article.PublishedAt?.ToUniversalTime()).ToArray() },
            TextArray("identities", [.. articles.Select(a => a.Identity)]));

    private static async Task<int> InsertPostsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<(long ArticleId, string ArticleKey, NewPost Post)> posts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (posts.Count == 0)
        {
            return 0;
        }

        // A second post for the same article version and channel (or idempotency key) is ignored.
        return await ExecuteAsync(
            connection,
            transaction,
            $"""
            INSERT INTO posts (article_id, channel, payload, idempotency_key, state, urgent, due_at, ready_at, attempts, created_at, updated_at)
            SELECT a, c, pl, k, s, u, d, r, 0, @now, @now
            FROM unnest(@articles, @channels, @payloads, @keys, @states, @urgent, @due, @ready) AS x(a, c, pl, k, s, u, d, r)
            ON CONFLICT DO NOTHING;
            """,
            cancellationToken,
            Time("now", now),
            new NpgsqlParameter("articles", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = posts.Select(p => p.ArticleId).ToArray() },
            TextArray("channels", [.. posts.Select(p => p.Post.Draft.Channel)]),
            TextArray("payloads", [.. posts.Select(p => JsonSerializer.Serialize(p.Post.Draft, QueueJsonContext.Default.PostDraft))]),
            TextArray("keys", [.. posts.Select(p => ArticleIdentity.IdempotencyKey(p.ArticleKey, p.Post.Draft.Channel))]),
            new NpgsqlParameter("urgent", NpgsqlDbType.Array | NpgsqlDbType.Boolean) { Value = posts.Select(p => p.Post.Urgent).ToArray() },
            new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = posts.Select(p => (short)PostStates.Entry(p.Post)).ToArray() },
            new NpgsqlParameter("due", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = posts.Select(p => p.Post.DueAt.ToUniversalTime()).ToArray() },
            new NpgsqlParameter("ready", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = posts.Select(p => PostStates.EntryReadyAt(p.Post)?.ToUniversalTime()).ToArray() });
    }

    private static NpgsqlParameter TextArray(string name, string?[] values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values };

    private async Task<IReadOnlyList<QueuedPost>> QueryPostsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await QueryPostsAsync(connection, sql, cancellationToken, parameters);
    }

    private async Task<int> EnqueueCoreAsync(IReadOnlyList<(Article Article, string? Identity, IReadOnlyList<NewPost> Posts)> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return 0;
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // An identity equal to the key (the canonical URL) is found through the key's own index, as on SQLite.
        await InsertArticlesAsync(
            connection,
            transaction,
            [.. items.Select(item => (item.Article, item.Article.Key, item.Identity is null || item.Identity == item.Article.Key ? null : item.Identity))],
            0,
            now,
            cancellationToken);
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var select = Create(connection, transaction, "SELECT key, id FROM articles WHERE key = ANY(@keys);", [TextArray("keys", [.. items.Select(i => i.Article.Key).Distinct(StringComparer.Ordinal)])]))
        {
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                ids[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var added = await InsertPostsAsync(connection, transaction, [.. items.SelectMany(item => item.Posts.Select(post => (ids[item.Article.Key], item.Article.Key, post)))], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    private async Task<bool> OperatorUpdateAsync(long postId, string set, IReadOnlyList<PostState> from, PostState to, DateTimeOffset now, DateTimeOffset? at, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            $"UPDATE posts SET {set}, updated_at = @now WHERE id = @id AND state IN {PostStates.SqlList(from)};",
            cancellationToken,
            Time("now", now),
            Time("at", at),
            Short("to", to),
            Long("id", postId)) > 0;

    // The facts ArticleMatcher decides on, on one open connection.
    private sealed class Lookups(NpgsqlConnection connection) : IArticleLookups
    {
        public async Task<KnownVersion?> LatestVersionAsync(string identity, string contentHash, CancellationToken cancellationToken)
        {
            // The latest version of this identity (its newest row) is what the current posts were composed from.
            await using var latest = Create(
                connection,
                null,
                """
                SELECT near_key,
                       EXISTS (SELECT 1 FROM articles WHERE (identity = @identity OR key = @identity) AND content_hash = @hash),
                       (SELECT COUNT(*) FROM articles WHERE identity = @identity AND update_posts > 0),
                       (SELECT MAX(created_at) FROM articles WHERE identity = @identity AND update_posts > 0)
                FROM articles WHERE identity = @identity OR key = @identity ORDER BY id DESC LIMIT 1;
                """,
                [Text("identity", identity), Text("hash", contentHash)]);
            await using var reader = await latest.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new KnownVersion(reader.GetString(0), reader.GetBoolean(1), (int)reader.GetInt64(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3))
                : null;
        }

        public async Task<bool> SameStoryElsewhereAsync(string identity, string contentHash, string nearKey, CancellationToken cancellationToken) =>
            await ScalarAsync(
                connection,
                null,
                "SELECT 1 FROM articles WHERE (content_hash = @hash OR near_key = @near) AND COALESCE(identity, key) <> @identity LIMIT 1;",
                cancellationToken,
                Text("hash", contentHash),
                Text("near", nearKey),
                Text("identity", identity)) is not null;

        public Task<IReadOnlyList<QueuedPost>> LatestPostsAsync(string identity, CancellationToken cancellationToken) =>
            QueryPostsAsync(
                connection,
                $"""
                SELECT {PostColumns} FROM {PostsJoined}
                WHERE p.id IN (SELECT MAX(p2.id) FROM posts p2 JOIN articles a2 ON a2.id = p2.article_id
                               WHERE a2.identity = @identity OR a2.key = @identity GROUP BY p2.channel)
                ORDER BY p.id;
                """,
                cancellationToken,
                Text("identity", identity));

        public async Task<bool> AnyAsync(string key, string contentHash, string nearKey, CancellationToken cancellationToken) =>
            await ScalarAsync(
                connection,
                null,
                "SELECT 1 FROM articles WHERE key = @key OR content_hash = @hash OR near_key = @near LIMIT 1;",
                cancellationToken,
                Text("key", key),
                Text("hash", contentHash),
                Text("near", nearKey)) is not null;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL ledger schema migrated to version {Version}")]
        public static partial void Migrated(ILogger logger, int version);
    }
}
