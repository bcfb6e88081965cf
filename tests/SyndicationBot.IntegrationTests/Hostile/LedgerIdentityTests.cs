using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// The ledger file deleted or replaced under a running service: its open connection would write into a file
/// nobody reads and a restart would post the history again, so nothing more is claimed for sending.
/// </summary>
public sealed class LedgerIdentityTests : IDisposable
{
    private static readonly DateTimeOffset Now = TempLedgerAt.Now;
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task ClaimDueAsync_LedgerFileDeletedWhileRunning_ThrowsAndClaimsNothing()
    {
        // Arrange
        var path = _folder.Combine("ledger.db");
        using var queue = await OpenWithDuePostAsync(path);
        DeleteLedger(path);

        // Act
        var failure = await Record.ExceptionAsync(() => queue.ClaimDueAsync(Now, "owner", TimeSpan.FromMinutes(1), 10, CancellationToken.None));

        // Assert
        var lost = Assert.IsType<LedgerUnavailableException>(failure);
        Assert.Contains(path, lost.Message, StringComparison.Ordinal);
        Assert.Contains("deleted or replaced", lost.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path), "no fresh, empty ledger is created in its place");
    }

    [Fact]
    public async Task ClaimDueAsync_LedgerReplacedByAnotherLedger_ThrowsAndClaimsNothing()
    {
        // Arrange: another ledger (with its own post due) moved over the file in use.
        var path = _folder.Combine("ledger.db");
        using var queue = await OpenWithDuePostAsync(path);
        var other = _folder.Combine("other.db");
        using (await OpenWithDuePostAsync(other))
        {
        }

        SqliteConnection.ClearAllPools();
        File.Move(other, path, overwrite: true);

        // Act
        var failure = await Record.ExceptionAsync(() => queue.ClaimDueAsync(Now, "owner", TimeSpan.FromMinutes(1), 10, CancellationToken.None));

        // Assert
        var replaced = Assert.IsType<LedgerUnavailableException>(failure);
        Assert.Contains("deleted or replaced", replaced.Message, StringComparison.Ordinal);
        using var reopened = new SqlitePostQueue($"Data Source={path}", NullLogger<SqlitePostQueue>.Instance);
        var states = await reopened.CountByStateAsync(CancellationToken.None);
        Assert.Equal(1, states[PostState.Queued]);
    }

    [Fact]
    public async Task ClaimDueAsync_SameLedger_ClaimsAsBefore()
    {
        // Arrange
        using var queue = await OpenWithDuePostAsync(_folder.Combine("ledger.db"));

        // Act
        var claimed = await queue.ClaimDueAsync(Now, "owner", TimeSpan.FromMinutes(1), 10, CancellationToken.None);

        // Assert
        Assert.Single(claimed);
    }

    private static async Task<SqlitePostQueue> OpenWithDuePostAsync(string path)
    {
        var queue = new SqlitePostQueue($"Data Source={path}", NullLogger<SqlitePostQueue>.Instance);
        await queue.InitializeAsync(CancellationToken.None);
        var article = TestArticles.Create("Harbour plan approved " + Path.GetFileName(path), "https://news.example.org/" + Path.GetFileName(path));
        await queue.EnqueueAsync(article, [new NewPost(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        return queue;
    }

    private static void DeleteLedger(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
