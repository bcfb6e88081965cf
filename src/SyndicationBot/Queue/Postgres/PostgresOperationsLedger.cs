namespace SyndicationBot.Queue.Postgres;

/// <summary>
/// The operator's side of the PostgreSQL ledger: service heartbeats (one row per replica and loop, so <c>status</c>
/// sees every replica), channel switches (read by every replica's dispatcher each turn), the record of inputs and the
/// queue gauges. Runs on the ledger's own connection pool.
/// </summary>
internal sealed class PostgresOperationsLedger(PostgresPostQueue queue) : IServiceHeartbeats, IChannelSwitches, IInputLedger, ILedgerGauges, IRetractionLedger
{
    public async Task RecordRetractionsAsync(IReadOnlyList<RetractionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await queue.InitializeAsync(cancellationToken);
        await using var connection = await queue.DataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var record in records)
        {
            await using var command = new Npgsql.NpgsqlCommand(
                "INSERT INTO retractions (post_id, article_key, channel, action, detail, reason, by_whom, at) VALUES (@post, @article, @channel, @action, @detail, @reason, @by, @at);",
                connection,
                transaction);
            command.Parameters.AddRange(new Npgsql.NpgsqlParameter[]
            {
                PostgresPostQueue.Long("post", record.PostId),
                PostgresPostQueue.Text("article", record.ArticleKey),
                PostgresPostQueue.Text("channel", record.Channel),
                PostgresPostQueue.Text("action", record.Action),
                PostgresPostQueue.Text("detail", record.Detail),
                PostgresPostQueue.Text("reason", record.Reason),
                PostgresPostQueue.Text("by", record.By),
                PostgresPostQueue.Time("at", record.At),
            });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RetractionRecord>> ListRetractionsAsync(string? articleKey, int limit, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var records = new List<RetractionRecord>();
        await queue.QueryAsync(
            "SELECT post_id, article_key, channel, action, detail, reason, by_whom, at FROM retractions WHERE @article::text IS NULL OR article_key = @article ORDER BY at DESC, id DESC LIMIT @limit;",
            reader => records.Add(new RetractionRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetFieldValue<DateTimeOffset>(7))),
            cancellationToken,
            PostgresPostQueue.Text("article", articleKey),
            PostgresPostQueue.Int("limit", limit));
        return records;
    }

    public async Task BeatAsync(string owner, string loopName, DateTimeOffset startedAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        await queue.ExecuteAsync(
            """
            INSERT INTO heartbeats (owner, loop, started_at, at) VALUES (@owner, @loop, @started, @at)
            ON CONFLICT (owner, loop) DO UPDATE SET started_at = EXCLUDED.started_at, at = EXCLUDED.at;
            """,
            cancellationToken,
            PostgresPostQueue.Text("owner", owner),
            PostgresPostQueue.Text("loop", loopName),
            PostgresPostQueue.Time("started", startedAt),
            PostgresPostQueue.Time("at", at));
    }

    public async Task<IReadOnlyList<ServiceHeartbeat>> ListHeartbeatsAsync(CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var beats = new List<ServiceHeartbeat>();
        await queue.QueryAsync(
            "SELECT owner, loop, started_at, at FROM heartbeats ORDER BY at DESC, owner, loop;",
            reader => beats.Add(new ServiceHeartbeat(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3))),
            cancellationToken);
        return beats;
    }

    public async Task RemoveHeartbeatsAsync(string owner, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        await queue.ExecuteAsync("DELETE FROM heartbeats WHERE owner = @owner;", cancellationToken, PostgresPostQueue.Text("owner", owner));
    }

    public async Task<bool> PauseAsync(string channel, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        return await queue.ExecuteAsync(
            "INSERT INTO channel_switches (channel, paused_at, reason) VALUES (@channel, @at, @reason) ON CONFLICT (channel) DO NOTHING;",
            cancellationToken,
            PostgresPostQueue.Text("channel", channel),
            PostgresPostQueue.Time("at", now),
            PostgresPostQueue.Text("reason", reason)) > 0;
    }

    public async Task<bool> ResumeAsync(string channel, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        return await queue.ExecuteAsync("DELETE FROM channel_switches WHERE channel = @channel;", cancellationToken, PostgresPostQueue.Text("channel", channel)) > 0;
    }

    public async Task<IReadOnlyDictionary<string, ChannelPause>> GetPausedAsync(CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var paused = new Dictionary<string, ChannelPause>(StringComparer.Ordinal);
        await queue.QueryAsync(
            "SELECT channel, paused_at, reason FROM channel_switches;",
            reader => paused[reader.GetString(0)] = new ChannelPause(reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(1), reader.IsDBNull(2) ? null : reader.GetString(2)),
            cancellationToken);
        return paused;
    }

    public async Task<IReadOnlyList<IngestRecord>> ListInputsAsync(int limit, CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var records = new List<IngestRecord>();
        await queue.QueryAsync(
            "SELECT fingerprint, source, outcome, detail, at FROM ingested ORDER BY at DESC, seq DESC LIMIT @limit;",
            reader => records.Add(PostgresPostQueue.ReadIngest(reader)),
            cancellationToken,
            PostgresPostQueue.Int("limit", limit));
        return records;
    }

    public async Task<IReadOnlyList<QueueDepth>> CountByChannelAndStateAsync(CancellationToken cancellationToken)
    {
        await queue.InitializeAsync(cancellationToken);
        var depth = new List<QueueDepth>();
        await queue.QueryAsync(
            "SELECT channel, state, COUNT(*) FROM posts GROUP BY channel, state ORDER BY channel, state;",
            reader => depth.Add(new QueueDepth(reader.GetString(0), (PostState)reader.GetInt16(1), (int)reader.GetInt64(2))),
            cancellationToken);
        return depth;
    }
}
