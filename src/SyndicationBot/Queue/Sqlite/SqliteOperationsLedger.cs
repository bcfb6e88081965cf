using Microsoft.Data.Sqlite;

namespace SyndicationBot.Queue.Sqlite;

/// <summary>
/// The operator's side of the SQLite ledger: service heartbeats, channel switches and the record of inputs. Kept apart
/// from <see cref="SqlitePostQueue"/> (whose write gate serves the publishing path) because these are a handful of
/// single-row statements; SQLite's busy timeout serialises them with the gate's writer.
/// </summary>
internal sealed class SqliteOperationsLedger(IPostQueue queue, string connectionString) : IServiceHeartbeats, IChannelSwitches, IInputLedger, ILedgerGauges, IRetractionLedger
{
    public async Task RecordRetractionsAsync(IReadOnlyList<RetractionRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var record in records)
        {
            await using var command = Create(
                connection,
                "INSERT INTO retractions (post_id, article_key, channel, action, detail, reason, by_whom, at) VALUES ($post, $article, $channel, $action, $detail, $reason, $by, $at);",
                [("$post", record.PostId), ("$article", record.ArticleKey), ("$channel", record.Channel), ("$action", record.Action), ("$detail", record.Detail), ("$reason", record.Reason), ("$by", record.By), ("$at", record.At.ToUnixTimeMilliseconds())]);
            command.Transaction = (SqliteTransaction)transaction;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RetractionRecord>> ListRetractionsAsync(string? articleKey, int limit, CancellationToken cancellationToken)
    {
        var records = new List<RetractionRecord>();
        await QueryAsync(
            "SELECT post_id, article_key, channel, action, detail, reason, by_whom, at FROM retractions WHERE $article IS NULL OR article_key = $article ORDER BY at DESC, id DESC LIMIT $limit;",
            reader => records.Add(new RetractionRecord(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetString(6), FromMs(reader.GetInt64(7)))),
            cancellationToken,
            ("$article", articleKey),
            ("$limit", limit));
        return records;
    }

    public async Task BeatAsync(string owner, string loopName, DateTimeOffset startedAt, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "INSERT OR REPLACE INTO heartbeats (owner, loop, started_at, at) VALUES ($owner, $loop, $started, $at);",
            cancellationToken,
            ("$owner", owner),
            ("$loop", loopName),
            ("$started", startedAt.ToUnixTimeMilliseconds()),
            ("$at", at.ToUnixTimeMilliseconds()));

    public async Task<IReadOnlyList<ServiceHeartbeat>> ListHeartbeatsAsync(CancellationToken cancellationToken)
    {
        var beats = new List<ServiceHeartbeat>();
        await QueryAsync(
            "SELECT owner, loop, started_at, at FROM heartbeats ORDER BY at DESC, owner, loop;",
            reader => beats.Add(new ServiceHeartbeat(reader.GetString(0), reader.GetString(1), FromMs(reader.GetInt64(2)), FromMs(reader.GetInt64(3)))),
            cancellationToken);
        return beats;
    }

    public async Task RemoveHeartbeatsAsync(string owner, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM heartbeats WHERE owner = $owner;", cancellationToken, ("$owner", owner));

    public async Task<bool> PauseAsync(string channel, string? reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "INSERT INTO channel_switches (channel, paused_at, reason) VALUES ($channel, $at, $reason) ON CONFLICT(channel) DO NOTHING;",
            cancellationToken,
            ("$channel", channel),
            ("$at", now.ToUnixTimeMilliseconds()),
            ("$reason", reason)) > 0;

    public async Task<bool> ResumeAsync(string channel, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM channel_switches WHERE channel = $channel;", cancellationToken, ("$channel", channel)) > 0;

    public async Task<IReadOnlyDictionary<string, ChannelPause>> GetPausedAsync(CancellationToken cancellationToken)
    {
        var paused = new Dictionary<string, ChannelPause>(StringComparer.Ordinal);
        await QueryAsync(
            "SELECT channel, paused_at, reason FROM channel_switches;",
            reader => paused[reader.GetString(0)] = new ChannelPause(reader.GetString(0), FromMs(reader.GetInt64(1)), reader.IsDBNull(2) ? null : reader.GetString(2)),
            cancellationToken);
        return paused;
    }

    public async Task<IReadOnlyList<IngestRecord>> ListInputsAsync(int limit, CancellationToken cancellationToken)
    {
        var records = new List<IngestRecord>();
        await QueryAsync(
            "SELECT fingerprint, source, outcome, detail, at FROM ingested ORDER BY at DESC, rowid DESC LIMIT $limit;",
            reader => records.Add(new IngestRecord(reader.GetString(0), reader.GetString(1), IngestOutcomeWords.FromWord(reader.GetString(2)), reader.IsDBNull(3) ? null : reader.GetString(3), FromMs(reader.GetInt64(4)))),
            cancellationToken,
            ("$limit", limit));
        return records;
    }

    public async Task<IReadOnlyList<QueueDepth>> CountByChannelAndStateAsync(CancellationToken cancellationToken)
    {
        var depth = new List<QueueDepth>();
        await QueryAsync(
            "SELECT channel, state, COUNT(*) FROM posts GROUP BY channel, state ORDER BY channel, state;",
            reader => depth.Add(new QueueDepth(reader.GetString(0), (PostState)reader.GetInt32(1), reader.GetInt32(2))),
            cancellationToken);
        return depth;
    }

    private static DateTimeOffset FromMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Create(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task QueryAsync(string sql, Action<SqliteDataReader> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = Create(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    private static SqliteCommand Create(SqliteConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // The schema (these tables included) is created by the ledger's own migration, once per process.
        await queue.InitializeAsync(cancellationToken);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 10000;";
        await pragma.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }
}
