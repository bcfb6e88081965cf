using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue.Sqlite;

/// <summary>The ledger contract, on a real SQLite file in a temp folder.</summary>
public sealed class SqlitePostQueueTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task InitializeAsync_NewFile_CreatesSchemaAndIsIdempotent()
    {
        // Arrange
        using var queue = CreateTarget();

        // Act
        await queue.InitializeAsync(CancellationToken.None);
        using var again = CreateTarget();
        await again.InitializeAsync(CancellationToken.None);

        // Assert
        Assert.True(File.Exists(_folder.Combine("data", "ledger.db")));
        Assert.Empty(await again.ListAsync(Enum.GetValues<PostState>(), 10, false, CancellationToken.None));
    }

    [Fact]
    public async Task EnqueueAsync_SameArticleTwice_QueuesEachChannelOnce()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        var article = TestArticles.Create("Storm closes port", "https://news.example.com/storm");
        NewPost[] posts = [new(TestArticles.Draft("outbox"), Now), new(TestArticles.Draft("x"), Now)];

        // Act
        var first = await queue.EnqueueAsync(article, posts, Now, CancellationToken.None);
        var second = await queue.EnqueueAsync(article, posts, Now, CancellationToken.None);

        // Assert
        Assert.Equal(2, first);
        Assert.Equal(0, second);
        Assert.Equal(2, (await queue.ListAsync([PostState.Queued], 10, false, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ContainsArticleAsync_NearIdenticalCopyWithOtherPunctuation_IsRecognised()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        var original = TestArticles.Create("Storm closes port", null, "The port of Tangier closed on Monday as a storm hit the coast.");
        var copy = TestArticles.Create("Storm closes port!", null, "The port of Tangier closed on Monday, as a storm hit the coast…");
        var other = TestArticles.Create("Storm closes airport", null, "The airport of Tangier closed on Monday as a storm hit the coast.");
        await queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);

        // Act / Assert
        Assert.True(await queue.ContainsArticleAsync(copy, CancellationToken.None));
        Assert.False(await queue.ContainsArticleAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDueAsync_OnlyDuePosts_AreLeasedWithTheAttemptCounted()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("Due"), [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        await queue.EnqueueAsync(TestArticles.Create("Later"), [new(TestArticles.Draft("outbox"), Now.AddHours(1))], Now, CancellationToken.None);

        // Act
        var claimed = await queue.ClaimDueAsync(Now, "owner-a", TimeSpan.FromMinutes(2), 10, CancellationToken.None);
        var again = await queue.ClaimDueAsync(Now, "owner-b", TimeSpan.FromMinutes(2), 10, CancellationToken.None);

        // Assert
        var post = Assert.Single(claimed);
        Assert.Equal("Due", post.ArticleTitle);
        Assert.Equal(PostState.Publishing, post.State);
        Assert.Equal(1, post.Attempts);
        Assert.Empty(again);
        var stored = await queue.GetAsync(post.Id, CancellationToken.None);
        Assert.Equal("owner-a", stored!.LeaseOwner);
        Assert.Equal(Now.AddMinutes(2), stored.LeaseExpiresAt);
        Assert.Equal(Now.AddMinutes(2), await queue.GetNextWakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_Published_StoresRemoteIdAndTime()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("A"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var post = Assert.Single(await queue.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(2), 10, CancellationToken.None));

        // Act
        var recorded = await queue.RecordAsync(post.Lease!, new PostOutcome.Published("123", new Uri("https://x.com/i/web/status/123")), Now.AddSeconds(1), CancellationToken.None);

        // Assert
        Assert.True(recorded);
        var stored = await queue.GetAsync(post.Id, CancellationToken.None);
        Assert.Equal(PostState.Published, stored!.State);
        Assert.Equal("123", stored.RemoteId);
        Assert.Equal(Now.AddSeconds(1), stored.PublishedAt);
        Assert.Null(stored.LeaseOwner);
        Assert.Equal(Now.AddSeconds(1), await queue.GetLastPublishedAsync("x", CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_ByAnOwnerThatLostTheLease_ChangesNothing()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("A"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var post = Assert.Single(await queue.ClaimDueAsync(Now, "dead", TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        await queue.RecordAsync(post.Lease!, new PostOutcome.InDoubt("recovered"), Now.AddMinutes(3), CancellationToken.None);

        // Act
        var late = await queue.RecordAsync(post.Lease!, new PostOutcome.Published("1", null), Now.AddMinutes(4), CancellationToken.None);

        // Assert
        Assert.False(late);
        Assert.Equal(PostState.InDoubt, (await queue.GetAsync(post.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RecordAsync_RetryAt_MakesThePostClaimableAgainAtThatTime()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("A"), [new(TestArticles.Draft("mastodon"), Now)], Now, CancellationToken.None);
        var post = Assert.Single(await queue.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(2), 10, CancellationToken.None));

        // Act
        await queue.RecordAsync(post.Lease!, new PostOutcome.RetryAt(Now.AddMinutes(5), "503 Service Unavailable"), Now, CancellationToken.None);

        // Assert
        Assert.Empty(await queue.ClaimDueAsync(Now.AddMinutes(4), "me", TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        Assert.Equal(Now.AddMinutes(5), await queue.GetNextWakeAsync(CancellationToken.None));
        var retried = Assert.Single(await queue.ClaimDueAsync(Now.AddMinutes(5), "me", TimeSpan.FromMinutes(2), 10, CancellationToken.None));
        Assert.Equal(2, retried.Attempts);
        Assert.Equal("503 Service Unavailable", retried.LastError);
    }

    [Fact]
    public async Task GetExpiredLeasesAsync_AfterTheLease_ReturnsThePost()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("A"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        await queue.ClaimDueAsync(Now, "crashed", TimeSpan.FromMinutes(2), 10, CancellationToken.None);

        // Act
        var before = await queue.GetExpiredLeasesAsync(Now.AddMinutes(1), CancellationToken.None);
        var after = await queue.GetExpiredLeasesAsync(Now.AddMinutes(2), CancellationToken.None);

        // Assert
        Assert.Empty(before);
        Assert.Equal("crashed", Assert.Single(after).LeaseOwner);
    }

    [Fact]
    public async Task OperatorVerbs_FollowTheStateRules()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("A"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var id = (await queue.ListAsync([PostState.Queued], 1, false, CancellationToken.None))[0].Id;

        // Act / Assert
        Assert.False(await queue.RetryAsync(id, Now, CancellationToken.None));
        Assert.True(await queue.RescheduleAsync(id, Now.AddDays(1), Now, CancellationToken.None));
        Assert.Equal(Now.AddDays(1), (await queue.GetAsync(id, CancellationToken.None))!.DueAt);
        Assert.True(await queue.CancelAsync(id, Now, CancellationToken.None));
        Assert.Equal(PostState.Cancelled, (await queue.GetAsync(id, CancellationToken.None))!.State);
        Assert.Null(await queue.GetNextWakeAsync(CancellationToken.None));
        Assert.True(await queue.RetryAsync(id, Now.AddMinutes(1), CancellationToken.None));
        Assert.Equal(Now.AddMinutes(1), await queue.GetNextWakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task IngestRecords_AreRememberedAcrossInstances()
    {
        // Arrange
        using (var queue = await CreateInitializedAsync())
        {
            await queue.RecordIngestAsync(new IngestRecord("abc", "seeds/bad.txt", IngestOutcome.Rejected, "empty file", Now), CancellationToken.None);
        }

        // Act
        using var reopened = await CreateInitializedAsync();
        var record = await reopened.GetIngestAsync("abc", CancellationToken.None);

        // Assert
        Assert.Equal(IngestOutcome.Rejected, record!.Outcome);
        Assert.Equal("empty file", record.Detail);
    }

    [Fact]
    public async Task Payload_RoundTripsTheComposedPostWithFacetsAndCard()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        var draft = TestArticles.Draft("bluesky", "Read https://news.example.com/a") with
        {
            Link = new Uri("https://news.example.com/a"),
            Facets = [new("link", 5, 31, "https://news.example.com/a")],
            Embed = new(new Uri("https://news.example.com/a"), "T", "D", null),
        };
        await queue.EnqueueAsync(TestArticles.Create("A"), [new(draft, Now)], Now, CancellationToken.None);

        // Act
        var stored = (await queue.ListAsync([PostState.Queued], 1, false, CancellationToken.None))[0];

        // Assert
        Assert.Equal(draft.Text, stored.Draft.Text);
        Assert.Equal(draft.Facets, stored.Draft.Facets);
        Assert.Equal(draft.Embed, stored.Draft.Embed);
        Assert.Equal(draft.Link, stored.Draft.Link);
    }

    private SqlitePostQueue CreateTarget() =>
        new($"Data Source={_folder.Combine("data", "ledger.db")}", NullLogger<SqlitePostQueue>.Instance);

    private async Task<SqlitePostQueue> CreateInitializedAsync()
    {
        var queue = CreateTarget();
        await queue.InitializeAsync(CancellationToken.None);
        return queue;
    }
}
