using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue.Sqlite;

/// <summary>The forward-only migrations, applied to a ledger written by the first version.</summary>
public sealed class SqliteSchemaTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task InitializeAsync_LedgerOfVersionOne_KeepsEveryPostWithItsArticleAndAttempts()
    {
        // Arrange: a version-1 file with one published post and one queued post, as the first release wrote them.
        var path = _folder.Combine("v1.db");
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + "PRAGMA user_version = 1;" +
                """
                INSERT INTO articles (id, key, content_hash, near_key, source, title, url, language, published_at, created_at)
                VALUES (7, 'url:https://news.example/a', 'hash', 'near', 'seeds/a.txt', 'Storm closes the port', 'https://news.example/a', 'en', NULL, 1);
                INSERT INTO posts (id, article_id, article_key, article_title, channel, payload, idempotency_key, state, urgent, due_at,
                                   ready_at, attempts, remote_url, published_at, created_at, updated_at)
                VALUES (41, 7, 'url:https://news.example/a', 'Storm closes the port', 'outbox',
                        '{"channel":"outbox","text":"Storm","length":5,"limit":500}', 'k-outbox', 2, 0, 1000, NULL, 1, 'https://example/41', 1500, 1, 1),
                       (42, 7, 'url:https://news.example/a', 'Storm closes the port', 'x',
                        '{"channel":"x","text":"Storm","length":5,"limit":280}', 'k-x', 0, 1, 2000, 2000, 0, NULL, NULL, 1, 1);
                INSERT INTO attempts (post_id, attempt, owner, started_at, finished_at, outcome) VALUES (41, 1, 'old', 1000, 1500, 'published');
                """;
            await command.ExecuteNonQueryAsync();
        }

        using var target = new SqlitePostQueue($"Data Source={path}", NullLogger<SqlitePostQueue>.Instance);

        // Act
        await target.InitializeAsync(CancellationToken.None);

        // Assert
        var published = await target.GetAsync(41, CancellationToken.None);
        var queued = await target.GetAsync(42, CancellationToken.None);
        Assert.Equal(PostState.Published, published!.State);
        Assert.Equal("url:https://news.example/a", published.ArticleKey);
        Assert.Equal("Storm closes the port", published.ArticleTitle);
        Assert.Equal(new Uri("https://example/41"), published.RemoteUrl);
        Assert.Equal(PostState.Queued, queued!.State);
        Assert.True(queued.Urgent);
        Assert.Equal("x", queued.Draft.Channel);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(2000), await target.GetNextWakeAsync(CancellationToken.None));
        Assert.False(await target.WasRequestMarkedAsync(41, "old", CancellationToken.None));
        var rewritten = TestArticles.Create("Storm closes the port for a third day", "https://news.example/a");
        var match = await target.MatchArticleAsync(rewritten, "url:https://news.example/a", CancellationToken.None);
        Assert.Equal([41L, 42L], Assert.IsType<ArticleMatch.Changed>(match).LatestPosts.Select(p => p.Id));
    }

    [Fact]
    public async Task InitializeAsync_MigratedLedger_StillRefusesASecondPostForTheSameArticleAndChannel()
    {
        // Arrange
        using var target = new SqlitePostQueue($"Data Source={_folder.Combine("ledger.db")}", NullLogger<SqlitePostQueue>.Instance);
        await target.InitializeAsync(CancellationToken.None);
        var article = TestArticles.Create("Rabat tramway extension opens");
        await target.EnqueueAsync(article, [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);

        // Act
        var added = await target.EnqueueAsync(article, [new(TestArticles.Draft("x", "another text"), Now), new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);

        // Assert
        Assert.Equal(1, added);
        var posts = await target.ListAsync([PostState.Queued], 10, newestFirst: false, CancellationToken.None);
        Assert.Equal(["outbox", "x"], posts.Select(p => p.Channel).Order(StringComparer.Ordinal));
        Assert.All(posts, p => Assert.Equal("Rabat tramway extension opens", p.ArticleTitle));
    }
}
