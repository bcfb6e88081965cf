using SyndicationBot.Queue;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue.Sqlite;

/// <summary>Articles changed at the source: how the ledger recognises them and records their versions.</summary>
public sealed class SqliteArticleRevisionTests : IDisposable
{
    private const string Url = "https://news.example.com/storm";
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();

    public void Dispose() => _ledger.Dispose();

    [Fact]
    public async Task MatchArticleAsync_NeverSeen_IsUnknown()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        await queue.EnqueueAsync(TestArticles.Create("Other story", "https://news.example.com/other"), [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        var article = TestArticles.Create("Storm closes port", Url);

        // Act
        var match = await queue.MatchArticleAsync(article, ArticleIdentity.Identity(article, bySource: true), CancellationToken.None);

        // Assert
        Assert.IsType<ArticleMatch.Unknown>(match);
    }

    [Fact]
    public async Task MatchArticleAsync_SameUrlNewHeadline_IsChangedWithTheLatestPostOfEachChannel()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        var original = TestArticles.Create("Storm closes port", Url, "The port closed on Monday as the storm hit the coast.");
        await queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now), new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var changed = TestArticles.Create("Port reopens after storm", Url, "The port reopened on Wednesday as the winds eased.");

        // Act
        var match = await queue.MatchArticleAsync(changed, ArticleIdentity.Identity(changed, bySource: true), CancellationToken.None);

        // Assert
        var result = Assert.IsType<ArticleMatch.Changed>(match);
        Assert.True(result.LeadChanged);
        Assert.Equal(0, result.UpdateRevisions);
        Assert.Equal(["outbox", "x"], result.LatestPosts.Select(p => p.Channel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MatchArticleAsync_SameUrlOnlyPunctuationChanged_IsChangedButNotInItsLead()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        var original = TestArticles.Create("Storm closes port", Url, "The port closed on Monday as the storm hit the coast.");
        await queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        var retouched = TestArticles.Create("Storm closes port!", Url, "The port closed on Monday, as the storm hit the coast…");

        // Act
        var match = await queue.MatchArticleAsync(retouched, ArticleIdentity.Identity(retouched, bySource: true), CancellationToken.None);

        // Assert
        Assert.False(Assert.IsType<ArticleMatch.Changed>(match).LeadChanged);
    }

    [Fact]
    public async Task MatchArticleAsync_OtherUrlSameText_IsADuplicateNotAChange()
    {
        // Arrange
        using var queue = await CreateInitializedAsync();
        var original = TestArticles.Create("Storm closes port", Url, "The port closed on Monday as the storm hit the coast.");
        await queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        var copy = TestArticles.Create("Storm closes port", "https://mirror.example.org/storm", "The port closed on Monday as the storm hit the coast.");

        // Act
        var match = await queue.MatchArticleAsync(copy, ArticleIdentity.Identity(copy, bySource: true), CancellationToken.None);

        // Assert
        Assert.IsType<ArticleMatch.Duplicate>(match);
    }

    [Fact]
    public async Task EnqueueRevisionAsync_RefreshesOnlyUnsentPostsAndKeysUpdatePostsByVersion()
    {
        // Arrange: the outbox post went out, the X post is still queued for later.
        using var queue = await CreateInitializedAsync();
        var original = TestArticles.Create("Storm closes port", Url);
        await queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox", "old outbox"), Now), new(TestArticles.Draft("x", "old x"), Now.AddHours(1))], Now, CancellationToken.None);
        var sent = Assert.Single(await queue.ClaimDueAsync(Now, "me", TimeSpan.FromMinutes(1), 10, CancellationToken.None));
        await queue.RecordAsync(sent.Lease!, new PostOutcome.Published("1", null), Now, CancellationToken.None);
        var changed = TestArticles.Create("Port reopens after storm", Url);
        var identity = ArticleIdentity.Identity(changed, bySource: true)!;
        var match = Assert.IsType<ArticleMatch.Changed>(await queue.MatchArticleAsync(changed, identity, CancellationToken.None));
        var queuedX = Assert.Single(match.LatestPosts, p => p.Channel == "x");

        // Act
        var outcome = await queue.EnqueueRevisionAsync(
            changed,
            identity,
            [new PostRefresh(queuedX.Id, TestArticles.Draft("x", "new x")), new PostRefresh(sent.Id, TestArticles.Draft("outbox", "must not change"))],
            [new NewPost(TestArticles.Draft("outbox", "update outbox"), Now.AddMinutes(1))],
            Now.AddMinutes(1),
            CancellationToken.None);
        var again = await queue.MatchArticleAsync(changed, identity, CancellationToken.None);
        var changedLater = TestArticles.Create("Port fully reopened", Url);
        var later = Assert.IsType<ArticleMatch.Changed>(await queue.MatchArticleAsync(changedLater, identity, CancellationToken.None));

        // Assert
        Assert.Equal(new RevisionOutcome(1, 1), outcome);
        var posts = await queue.ListAsync(Enum.GetValues<PostState>(), 10, false, CancellationToken.None);
        Assert.Equal("new x", Assert.Single(posts, p => p.Id == queuedX.Id).Draft.Text);
        Assert.Equal("old outbox", Assert.Single(posts, p => p.Id == sent.Id).Draft.Text);
        var update = Assert.Single(posts, p => p.Draft.Text == "update outbox");
        Assert.NotEqual(sent.IdempotencyKey, update.IdempotencyKey);
        Assert.True(ArticleIdentity.IsRevisionKey(update.ArticleKey));
        Assert.IsType<ArticleMatch.Duplicate>(again);
        Assert.Equal(1, later.UpdateRevisions);
        Assert.Equal(Now.AddMinutes(1), later.LastUpdateAt);
        Assert.Equal(update.Id, Assert.Single(later.LatestPosts, p => p.Channel == "outbox").Id);
    }

    [Fact]
    public void Identity_ItemOfAMultiArticleInputWithoutLinkOrGuid_HasNone()
    {
        // Arrange
        var withoutLink = TestArticles.Create("Storm closes port");
        var withGuid = withoutLink with { FeedGuid = "item-7" };

        // Act / Assert
        Assert.Null(ArticleIdentity.Identity(withoutLink, bySource: false));
        Assert.Equal("source:" + withoutLink.Source, ArticleIdentity.Identity(withoutLink, bySource: true));
        Assert.Equal("guid:" + withoutLink.Source + "\n" + "item-7", ArticleIdentity.Identity(withGuid, bySource: false));
        Assert.Equal("url:" + Url, ArticleIdentity.Identity(TestArticles.Create("x", Url), bySource: false));
    }

    private async Task<SqlitePostQueue> CreateInitializedAsync()
    {
        var queue = _ledger.Open();
        await queue.InitializeAsync(CancellationToken.None);
        return queue;
    }
}
