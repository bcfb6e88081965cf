using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>A ledger created at a given path with some queued posts, then closed (WAL folded back into the file).</summary>
internal sealed class TempLedgerAt(string path)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    public string ConnectionString => $"Data Source={path}";

    public async Task CreateAsync(int posts = 0)
    {
        using (var queue = new SqlitePostQueue(ConnectionString, NullLogger<SqlitePostQueue>.Instance))
        {
            await queue.InitializeAsync(CancellationToken.None);
            for (var i = 0; i < posts; i++)
            {
                var article = TestArticles.Create($"Story {i} about the harbour", $"https://news.example.org/{i}");
                await queue.EnqueueAsync(article, [new NewPost(TestArticles.Draft("outbox", $"Post {i} " + new string('x', 200)), Now)], Now, CancellationToken.None);
            }
        }

        SqliteConnection.ClearAllPools();
    }
}
