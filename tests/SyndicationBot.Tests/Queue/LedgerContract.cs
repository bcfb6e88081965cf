using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue;

/// <summary>
/// Every behaviour a ledger adapter promises, once. Each adapter's test class derives from this one and says how to
/// open its store: SQLite here (<c>SqliteLedgerContractTests</c>), a real PostgreSQL server in the integration project
/// (<c>PostgresLedgerContractTests</c>, which links this file). Each test starts on an empty store.
/// </summary>
public abstract class LedgerContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private Ledger? _ledger;

    /// <summary>The ledger under test, initialised.</summary>
    internal IPostQueue Queue => (_ledger ?? throw new InvalidOperationException("Not initialised.")).Queue;

    /// <summary>Its operator side (switches, heartbeats, inputs, gauges).</summary>
    internal LedgerOperations Operations => (_ledger ?? throw new InvalidOperationException("Not initialised.")).Operations;

    public async Task InitializeAsync()
    {
        await ResetStoreAsync();
        _ledger = await OpenAsync();
        await Queue.InitializeAsync(CancellationToken.None);
    }

    public abstract Task DisposeAsync();

    [Fact]
    public async Task InitializeAsync_SeveralInstancesAtOnceOnAnEmptyStore_AllSucceedOnOneSchema()
    {
        // Arrange
        await ResetStoreAsync();
        var instances = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => OpenAsync()));

        // Act
        await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.Queue.InitializeAsync(CancellationToken.None))));
        await instances[0].Queue.EnqueueAsync(TestArticles.Create("After a concurrent start"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);

        // Assert
        foreach (var instance in instances)
        {
            Assert.Equal("After a concurrent start", Assert.Single(await instance.Queue.ListAsync([PostState.Queued], 10, false, CancellationToken.None)).ArticleTitle);
        }
    }

    [Fact]
    public async Task EnqueueAsync_SameArticleTwice_QueuesEachChannelOnce()
    {
        // Arrange
        var article = TestArticles.Create("Storm closes port", "https://news.example.com/storm");
        NewPost[] posts = [new(TestArticles.Draft("outbox"), Now), new(TestArticles.Draft("x"), Now)];

        // Act
        var first = await Queue.EnqueueAsync(article, posts, Now, CancellationToken.None);
        var second = await Queue.EnqueueAsync(article, posts, Now, CancellationToken.None);

        // Assert
        Assert.Equal(2, first);
        Assert.Equal(0, second);
        Assert.Equal(2, (await Queue.ListAsync([PostState.Queued], 10, false, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task EnqueueAsync_SameArticleFromTwoInstancesAtOnce_QueuesEachChannelOnce()
    {
        // Arrange: two replicas read the same feed item at the same moment.
        var other = await OpenAsync();
        await other.Queue.InitializeAsync(CancellationToken.None);
        var article = TestArticles.Create("Storm closes port", "https://news.example.com/storm");
        NewPost[] posts = [new(TestArticles.Draft("outbox"), Now), new(TestArticles.Draft("x"), Now)];

        // Act
        var added = await Task.WhenAll(
            Task.Run(() => Queue.EnqueueAsync(article, posts, Now, CancellationToken.None)),
            Task.Run(() => other.Queue.EnqueueAsync(article, posts, Now, CancellationToken.None)));

        // Assert
        Assert.Equal(2, added.Sum());
        var queued = await Queue.ListAsync([PostState.Queued], 10, false, CancellationToken.None);
        Assert.Equal(["outbox", "x"], queued.Select(p => p.Channel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EnqueueAsync_Posts_KeepTheirDraftDueTimeUrgencyAndAStableIdempotencyKey()
    {
        // Arrange
        var draft = TestArticles.Draft("bluesky", "Read https://news.example.com/a") with
        {
            Link = new Uri("https://news.example.com/a"),
            Facets = [new("link", 5, 31, "https://news.example.com/a")],
            Embed = new(new Uri("https://news.example.com/a"), "T", "D", null),
        };
        var article = TestArticles.Create("A", "https://news.example.com/a");

        // Act
        await Queue.EnqueueAsync(article, [new(draft, Now.AddMinutes(7), Urgent: true)], Now, CancellationToken.None);
        var stored = Assert.Single(await Queue.ListAsync([PostState.Queued], 10, false, CancellationToken.None));

        // Assert
        Assert.Equal(draft.Text, stored.Draft.Text);
        Assert.Equal(draft.Facets, stored.Draft.Facets);
        Assert.Equal(draft.Embed, stored.Draft.Embed);
        Assert.Equal(draft.Link, stored.Draft.Link);
        Assert.Equal(Now.AddMinutes(7), stored.DueAt);
        Assert.True(stored.Urgent);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal(article.Key, stored.ArticleKey);
        Assert.Equal("A", stored.ArticleTitle);
        Assert.Equal(ArticleIdentity.IdempotencyKey(article.Key, "bluesky"), stored.IdempotencyKey);
    }

    [Fact]
    public async Task EnqueueManyAsync_ABatch_QueuesEveryPostOnceInOneCall()
    {
        // Arrange
        var items = Enumerable.Range(0, 50)
            .Select(i => (TestArticles.Create($"Story {i}", $"https://news.example.com/{i}"), (IReadOnlyList<NewPost>)[new NewPost(TestArticles.Draft("x"), Now.AddSeconds(i))]))
            .ToList();

        // Act
        var added = await Queue.EnqueueManyAsync([.. items, items[0]], Now, CancellationToken.None);

        // Assert
        Assert.Equal(50, added);
        Assert.Equal(50, (await Queue.CountByStateAsync(CancellationToken.None))[PostState.Queued]);
    }

    [Fact]
    public async Task ContainsArticleAsync_NearIdenticalCopyWithOtherPunctuation_IsRecognised()
    {
        // Arrange
        var original = TestArticles.Create("Storm closes port", null, "The port of Tangier closed on Monday as a storm hit the coast.");
        var copy = TestArticles.Create("Storm closes port!", null, "The port of Tangier closed on Monday, as a storm hit the coast…");
        var other = TestArticles.Create("Storm closes airport", null, "The airport of Tangier closed on Monday as a storm hit the coast.");
        await Queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);

        // Act / Assert
        Assert.True(await Queue.ContainsArticleAsync(copy, CancellationToken.None));
        Assert.False(await Queue.ContainsArticleAsync(other, CancellationToken.None));
    }

    [Fact]
    public async Task MatchArticleAsync_NeverSeen_IsUnknown()
    {
        // Arrange
        await Queue.EnqueueAsync(TestArticles.Create("Other story", "https://news.example.com/other"), [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        var article = TestArticles.Create("Storm closes port", StormUrl);

        // Act
        var match = await Queue.MatchArticleAsync(article, ArticleIdentity.Identity(article, bySource: true), CancellationToken.None);

        // Assert
        Assert.IsType<ArticleMatch.Unknown>(match);
    }

    [Fact]
    public async Task MatchArticleAsync_SameContentUnderAnotherUrl_IsADuplicateByHash()
    {
        // Arrange
        var original = TestArticles.Create("Storm closes port", StormUrl, "The port closed on Monday as the storm hit the coast.");
        await Queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        var copy = TestArticles.Create("Storm closes port", "https://mirror.example.org/storm", "The port closed on Monday as the storm hit the coast.");

        // Act
        var match = await Queue.MatchArticleAsync(copy, ArticleIdentity.Identity(copy, bySource: true), CancellationToken.None);

        // Assert
        Assert.Equal(ArticleMatcher.SameStory, Assert.IsType<ArticleMatch.Duplicate>(match).Reason);
    }

    [Fact]
    public async Task MatchArticleAsync_SameUrlSameText_IsADuplicateOfThisVersion()
    {
        // Arrange
        var original = TestArticles.Create("Storm closes port", StormUrl);
        await Queue.EnqueueAsync(original, ArticleIdentity.Identity(original, bySource: true), [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);

        // Act
        var match = await Queue.MatchArticleAsync(original, ArticleIdentity.Identity(original, bySource: true), CancellationToken.None);

        // Assert
        Assert.Equal(ArticleMatcher.SameVersion, Assert.IsType<ArticleMatch.Duplicate>(match).Reason);
    }

    [Fact]
    public async Task MatchArticleAsync_FileWithoutLinkRewrittenAsAnotherStorysCopy_IsADuplicateNotAChange()
    {
        // Arrange: a page without a link (known by its file), and another story already in the ledger.
        var story = TestArticles.Create("Rabat tramway extension opens", "https://news.example.com/tram", "The new line opened on Monday with twelve stations.");
        await Queue.EnqueueAsync(story, [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var page = TestArticles.Create("Storm closes port") with { Source = "seeds/page.txt" };
        await Queue.EnqueueAsync(page, ArticleIdentity.Identity(page, bySource: true), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var rewritten = TestArticles.Create("Rabat tramway extension opens", null, "The new line opened on Monday with twelve stations.") with { Source = "seeds/page.txt" };

        // Act
        var match = await Queue.MatchArticleAsync(rewritten, ArticleIdentity.Identity(rewritten, bySource: true), CancellationToken.None);

        // Assert
        Assert.Equal(ArticleMatcher.SameStoryElsewhere, Assert.IsType<ArticleMatch.Duplicate>(match).Reason);
    }

    [Fact]
    public async Task MatchArticleAsync_SameUrlNewHeadline_IsChangedWithTheLatestPostOfEachChannel()
    {
        // Arrange
        var original = TestArticles.Create("Storm closes port", StormUrl, "The port closed on Monday as the storm hit the coast.");
        await Queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now), new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var changed = TestArticles.Create("Port reopens after storm", StormUrl, "The port reopened on Wednesday as the winds eased.");

        // Act
        var match = await Queue.MatchArticleAsync(changed, ArticleIdentity.Identity(changed, bySource: true), CancellationToken.None);

        // Assert
        var result = Assert.IsType<ArticleMatch.Changed>(match);
        Assert.True(result.LeadChanged);
        Assert.Equal(0, result.UpdateRevisions);
        Assert.Null(result.LastUpdateAt);
        Assert.Equal(["outbox", "x"], result.LatestPosts.Select(p => p.Channel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task MatchArticleAsync_SameUrlOnlyPunctuationChanged_IsChangedButNotInItsLead()
    {
        // Arrange
        var original = TestArticles.Create("Storm closes port", StormUrl, "The port closed on Monday as the storm hit the coast.");
        await Queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox"), Now)], Now, CancellationToken.None);
        var retouched = TestArticles.Create("Storm closes port!", StormUrl, "The port closed on Monday, as the storm hit the coast…");

        // Act
        var match = await Queue.MatchArticleAsync(retouched, ArticleIdentity.Identity(retouched, bySource: true), CancellationToken.None);

        // Assert
        Assert.False(Assert.IsType<ArticleMatch.Changed>(match).LeadChanged);
    }

    [Fact]
    public async Task MatchArticleAsync_FeedItemByGuid_IsChangedWhenItsTextChanges()
    {
        // Arrange: an item without a link, known by its feed's GUID.
        var item = TestArticles.Create("Storm closes port") with { Source = "feed:port", FeedGuid = "item-7" };
        var identity = ArticleIdentity.Identity(item, bySource: false)!;
        await Queue.EnqueueAsync(item, identity, [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var edited = TestArticles.Create("Port reopens after the storm") with { Source = "feed:port", FeedGuid = "item-7" };

        // Act
        var match = await Queue.MatchArticleAsync(edited, identity, CancellationToken.None);

        // Assert
        Assert.Equal("x", Assert.Single(Assert.IsType<ArticleMatch.Changed>(match).LatestPosts).Channel);
    }

    [Fact]
    public async Task EnqueueRevisionAsync_RefreshesOnlyUnsentPostsAndKeysUpdatePostsByVersion()
    {
        // Arrange: the outbox post went out, the X post is still queued for later.
        var original = TestArticles.Create("Storm closes port", StormUrl);
        await Queue.EnqueueAsync(original, [new(TestArticles.Draft("outbox", "old outbox"), Now), new(TestArticles.Draft("x", "old x"), Now.AddHours(1))], Now, CancellationToken.None);
        var sent = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));
        await Queue.RecordAsync(sent.Lease!, new PostOutcome.Published("1", null), Now, CancellationToken.None);
        var changed = TestArticles.Create("Port reopens after storm", StormUrl);
        var identity = ArticleIdentity.Identity(changed, bySource: true)!;
        var match = Assert.IsType<ArticleMatch.Changed>(await Queue.MatchArticleAsync(changed, identity, CancellationToken.None));
        var queuedX = Assert.Single(match.LatestPosts, p => p.Channel == "x");

        // Act
        var outcome = await Queue.EnqueueRevisionAsync(
            changed,
            identity,
            [new PostRefresh(queuedX.Id, TestArticles.Draft("x", "new x")), new PostRefresh(sent.Id, TestArticles.Draft("outbox", "must not change"))],
            [new NewPost(TestArticles.Draft("outbox", "update outbox"), Now.AddMinutes(1))],
            Now.AddMinutes(1),
            CancellationToken.None);
        var again = await Queue.MatchArticleAsync(changed, identity, CancellationToken.None);
        var changedLater = TestArticles.Create("Port fully reopened", StormUrl);
        var later = Assert.IsType<ArticleMatch.Changed>(await Queue.MatchArticleAsync(changedLater, identity, CancellationToken.None));

        // Assert
        Assert.Equal(new RevisionOutcome(1, 1), outcome);
        var posts = await AllPostsAsync();
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
    public async Task ClaimDueAsync_OnlyDuePosts_AreLeasedWithTheAttemptCountedAndAToken()
    {
        // Arrange
        await EnqueueAsync("Due", "outbox", Now);
        await EnqueueAsync("Later", "outbox", Now.AddHours(1));

        // Act
        var claimed = await Queue.ClaimDueAsync(Now, "owner-a", Lease, 10, CancellationToken.None);
        var again = await Queue.ClaimDueAsync(Now, "owner-b", Lease, 10, CancellationToken.None);

        // Assert
        var post = Assert.Single(claimed);
        Assert.Equal("Due", post.ArticleTitle);
        Assert.Equal(PostState.Publishing, post.State);
        Assert.Equal(1, post.Attempts);
        Assert.Empty(again);
        var stored = await Queue.GetAsync(post.Id, CancellationToken.None);
        Assert.Equal("owner-a", stored!.LeaseOwner);
        Assert.Equal(Now.AddMinutes(2), stored.LeaseExpiresAt);
        Assert.Equal(post.Lease, stored.Lease);
        Assert.Equal(Now.AddMinutes(2), await Queue.GetNextWakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDueAsync_UrgentFirstThenByReadyTime_UpToTheBatchSize()
    {
        // Arrange
        await EnqueueAsync("Older", "x", Now.AddMinutes(-10));
        await EnqueueAsync("Newer", "x", Now.AddMinutes(-5));
        await Queue.EnqueueAsync(TestArticles.Create("Breaking"), [new(TestArticles.Draft("x"), Now, Urgent: true)], Now, CancellationToken.None);

        // Act
        var claimed = await Queue.ClaimDueAsync(Now, "me", Lease, 2, CancellationToken.None);

        // Assert
        Assert.Equal(["Breaking", "Older"], claimed.Select(p => p.ArticleTitle));
    }

    [Fact]
    public async Task ClaimDueAsync_ManyDispatchersOnManyInstancesAtOnce_ClaimEveryPostExactlyOnce()
    {
        // Arrange: three replicas' dispatchers race for 60 due posts.
        await Queue.EnqueueManyAsync(
            [.. Enumerable.Range(0, 60).Select(i => (TestArticles.Create($"Story {i}"), (IReadOnlyList<NewPost>)[new NewPost(TestArticles.Draft("x"), Now.AddSeconds(-i))]))],
            Now,
            CancellationToken.None);
        var replicas = new List<IPostQueue> { Queue };
        for (var i = 0; i < 2; i++)
        {
            var other = await OpenAsync();
            await other.Queue.InitializeAsync(CancellationToken.None);
            replicas.Add(other.Queue);
        }

        // Act
        var claims = await Task.WhenAll(replicas.SelectMany((replica, r) => Enumerable.Range(0, 2).Select(d => Task.Run(async () =>
        {
            var mine = new List<QueuedPost>();
            while (await replica.ClaimDueAsync(Now, $"replica-{r}-{d}", Lease, 3, CancellationToken.None) is { Count: > 0 } batch)
            {
                mine.AddRange(batch);
            }

            return mine;
        }))));

        // Assert
        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(60, all.Count);
        Assert.Equal(60, all.Select(p => p.Id).Distinct().Count());
        Assert.All(await AllPostsAsync(), p => Assert.Equal(1, p.Attempts));
    }

    [Fact]
    public async Task RecordAsync_Published_StoresRemoteIdAndTimeAndReleasesTheLease()
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));

        // Act
        var recorded = await Queue.RecordAsync(post.Lease!, new PostOutcome.Published("123", new Uri("https://x.com/i/web/status/123")), Now.AddSeconds(1), CancellationToken.None);

        // Assert
        Assert.True(recorded);
        var stored = await Queue.GetAsync(post.Id, CancellationToken.None);
        Assert.Equal(PostState.Published, stored!.State);
        Assert.Equal("123", stored.RemoteId);
        Assert.Equal(new Uri("https://x.com/i/web/status/123"), stored.RemoteUrl);
        Assert.Equal(Now.AddSeconds(1), stored.PublishedAt);
        Assert.Null(stored.LeaseOwner);
        Assert.Null(stored.Lease);
        Assert.Equal(Now.AddSeconds(1), await Queue.GetLastPublishedAsync("x", CancellationToken.None));
        Assert.Null(await Queue.GetNextWakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_RetryAt_MakesThePostClaimableAgainAtThatTime()
    {
        // Arrange
        await EnqueueAsync("A", "mastodon", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));

        // Act
        await Queue.RecordAsync(post.Lease!, new PostOutcome.RetryAt(Now.AddMinutes(5), "503 Service Unavailable"), Now, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.RetryWaiting, (await Queue.GetAsync(post.Id, CancellationToken.None))!.State);
        Assert.Equal(Now.AddMinutes(5), (await Queue.GetAsync(post.Id, CancellationToken.None))!.NextAttemptAt);
        Assert.Empty(await Queue.ClaimDueAsync(Now.AddMinutes(4), "me", Lease, 10, CancellationToken.None));
        Assert.Equal(Now.AddMinutes(5), await Queue.GetNextWakeAsync(CancellationToken.None));
        var retried = Assert.Single(await Queue.ClaimDueAsync(Now.AddMinutes(5), "me", Lease, 10, CancellationToken.None));
        Assert.Equal(2, retried.Attempts);
        Assert.Equal("503 Service Unavailable", retried.LastError);
        Assert.NotEqual(post.Lease!.Token, retried.Lease!.Token);
    }

    [Fact]
    public async Task RecordAsync_Released_QueuesItAgainWithoutCountingTheAttempt()
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));

        // Act
        await Queue.RecordAsync(post.Lease!, new PostOutcome.Released(Now.AddMinutes(15), "paused"), Now, CancellationToken.None);

        // Assert
        var stored = await Queue.GetAsync(post.Id, CancellationToken.None);
        Assert.Equal(PostState.Queued, stored!.State);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal("paused", stored.LastError);
        Assert.Equal(Now.AddMinutes(15), await Queue.GetNextWakeAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("failed")]
    [InlineData("skipped")]
    [InlineData("in-doubt")]
    public async Task RecordAsync_ASettledOutcome_LeavesNothingToClaimOrWakeFor(string kind)
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));
        PostOutcome outcome = kind switch
        {
            "failed" => new PostOutcome.Failed("400 Bad Request"),
            "skipped" => new PostOutcome.Skipped("too old"),
            _ => new PostOutcome.InDoubt("time-out after sending"),
        };

        // Act
        await Queue.RecordAsync(post.Lease!, outcome, Now, CancellationToken.None);

        // Assert
        var stored = await Queue.GetAsync(post.Id, CancellationToken.None);
        Assert.Equal(PostStates.After(outcome).State, stored!.State);
        Assert.NotNull(stored.LastError);
        Assert.Null(await Queue.GetNextWakeAsync(CancellationToken.None));
        Assert.Empty(await Queue.ClaimDueAsync(Now.AddDays(1), "me", Lease, 10, CancellationToken.None));
    }

    [Fact]
    public async Task RecordAsync_ByAnotherOwner_ChangesNothing()
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "holder", Lease, 10, CancellationToken.None));

        // Act
        var forged = await Queue.RecordAsync(post.Lease! with { Owner = "someone-else" }, new PostOutcome.Published("1", null), Now, CancellationToken.None);

        // Assert
        Assert.False(forged);
        Assert.Equal(PostState.Publishing, (await Queue.GetAsync(post.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RecordAsync_StaleTokenAfterRecoveryAndANewClaimBySameOwner_CannotOverwriteTheNewerAttempt()
    {
        // Arrange: owner "a" claims, stalls past its lease; recovery queues the post for a retry, and "a" claims it
        // again (same owner name, new token) — then the stalled first attempt wakes up with its answer.
        await EnqueueAsync("A", "mastodon", Now);
        var first = Assert.Single(await Queue.ClaimDueAsync(Now, "a", Lease, 10, CancellationToken.None));
        var expired = Assert.Single(await Queue.GetExpiredLeasesAsync(Now + Lease, CancellationToken.None));
        Assert.True(await Queue.RecordAsync(expired.Lease!, new PostOutcome.RetryAt(Now + Lease, "recovered"), Now + Lease, CancellationToken.None));
        var second = Assert.Single(await Queue.ClaimDueAsync(Now + Lease, "a", Lease, 10, CancellationToken.None));

        // Act
        var stale = await Queue.RecordAsync(first.Lease!, new PostOutcome.Failed("422 from the first attempt"), Now + Lease, CancellationToken.None);
        var current = await Queue.RecordAsync(second.Lease!, new PostOutcome.Published("9", null), Now + Lease, CancellationToken.None);

        // Assert
        Assert.False(stale);
        Assert.True(current);
        var stored = await Queue.GetAsync(first.Id, CancellationToken.None);
        Assert.Equal(PostState.Published, stored!.State);
        Assert.Equal("9", stored.RemoteId);
        Assert.Equal(2, stored.Attempts);
    }

    [Fact]
    public async Task RecordAsync_SameLeaseTwice_OnlyTheFirstCounts()
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));
        await Queue.RecordAsync(post.Lease!, new PostOutcome.InDoubt("recovered"), Now.AddMinutes(3), CancellationToken.None);

        // Act
        var late = await Queue.RecordAsync(post.Lease!, new PostOutcome.Published("1", null), Now.AddMinutes(4), CancellationToken.None);

        // Assert
        Assert.False(late);
        Assert.Equal(PostState.InDoubt, (await Queue.GetAsync(post.Id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task RecordAsync_ErrorWithAConfiguredSecret_IsStoredMasked()
    {
        // Arrange
        var secretive = await OpenAsync(new global::SyndicationBot.Configuration.SecretRedactor(["tok-9f8e7d6c5b4a"]));
        await secretive.Queue.InitializeAsync(CancellationToken.None);
        await EnqueueAsync("A", "webhook", Now);
        var post = Assert.Single(await secretive.Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));

        // Act
        await secretive.Queue.RecordAsync(post.Lease!, new PostOutcome.Failed("404 for https://hooks.example/tok-9f8e7d6c5b4a"), Now, CancellationToken.None);

        // Assert
        Assert.Equal("404 for https://hooks.example/***", (await Queue.GetAsync(post.Id, CancellationToken.None))!.LastError);
    }

    [Fact]
    public async Task GetExpiredLeasesAsync_AfterTheLease_ReturnsThePostWithItsLease()
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        var claimed = Assert.Single(await Queue.ClaimDueAsync(Now, "crashed", Lease, 10, CancellationToken.None));

        // Act
        var before = await Queue.GetExpiredLeasesAsync(Now.AddMinutes(1), CancellationToken.None);
        var after = await Queue.GetExpiredLeasesAsync(Now.AddMinutes(2), CancellationToken.None);
        var held = await Queue.GetExpiredLeasesAsync(DateTimeOffset.MaxValue, CancellationToken.None);

        // Assert
        Assert.Empty(before);
        Assert.Equal(claimed.Lease, Assert.Single(after).Lease);
        Assert.Single(held);
    }

    [Fact]
    public async Task RequestMarks_OnlyTheOwnersLatestAttemptCounts()
    {
        // Arrange
        await EnqueueAsync("A", "telegram", Now);
        var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));
        var unmarked = await Queue.WasRequestMarkedAsync(post.Id, "me", CancellationToken.None);

        // Act
        await Queue.MarkRequestAsync(post.Id, "me", Now, CancellationToken.None);

        // Assert
        Assert.False(unmarked);
        Assert.True(await Queue.WasRequestMarkedAsync(post.Id, "me", CancellationToken.None));
        Assert.False(await Queue.WasRequestMarkedAsync(post.Id, "someone-else", CancellationToken.None));
        await Queue.RecordAsync(post.Lease!, new PostOutcome.Released(Now), Now, CancellationToken.None);
        Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));
        Assert.False(await Queue.WasRequestMarkedAsync(post.Id, "me", CancellationToken.None));
    }

    [Fact]
    public async Task TakeSendTurnAsync_WithinTheSpacing_TellsWhenTheTurnIsFree()
    {
        // Arrange
        var spacing = TimeSpan.FromMinutes(5);

        // Act
        var first = await Queue.TakeSendTurnAsync("x", Now, spacing, CancellationToken.None);
        var tooSoon = await Queue.TakeSendTurnAsync("x", Now.AddMinutes(4), spacing, CancellationToken.None);
        var otherChannel = await Queue.TakeSendTurnAsync("mastodon", Now.AddMinutes(4), spacing, CancellationToken.None);
        var onTime = await Queue.TakeSendTurnAsync("x", Now.AddMinutes(5), spacing, CancellationToken.None);
        var afterThat = await Queue.TakeSendTurnAsync("x", Now.AddMinutes(6), spacing, CancellationToken.None);

        // Assert
        Assert.Null(first);
        Assert.Equal(Now.AddMinutes(5), tooSoon);
        Assert.Null(otherChannel);
        Assert.Null(onTime);
        Assert.Equal(Now.AddMinutes(10), afterThat);
    }

    [Fact]
    public async Task TakeSendTurnAsync_ManyInstancesAtOnce_ExactlyOneTakesTheTurn()
    {
        // Arrange: three replicas, each with several dispatchers, want to send on x at the same instant.
        var replicas = new List<IPostQueue> { Queue };
        for (var i = 0; i < 2; i++)
        {
            var other = await OpenAsync();
            await other.Queue.InitializeAsync(CancellationToken.None);
            replicas.Add(other.Queue);
        }

        // Act
        var answers = await Task.WhenAll(replicas.SelectMany(replica => Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => replica.TakeSendTurnAsync("x", Now, TimeSpan.FromSeconds(30), CancellationToken.None)))));

        // Assert
        Assert.Single(answers, answer => answer is null);
        Assert.All(answers.Where(answer => answer is not null), answer => Assert.Equal(Now.AddSeconds(30), answer));
    }

    [Fact]
    public async Task TakeWindowPermitAsync_PermitsPerWindow_SharedByEveryInstanceAndRenewedWhenTheWindowCloses()
    {
        // Arrange: two replicas share x's limit of 3 per 15 minutes.
        var other = await OpenAsync();
        await other.Queue.InitializeAsync(CancellationToken.None);
        var window = TimeSpan.FromMinutes(15);

        // Act
        var answers = new List<DateTimeOffset?>
        {
            await Queue.TakeWindowPermitAsync("x", Now, 3, window, CancellationToken.None),
            await other.Queue.TakeWindowPermitAsync("x", Now.AddMinutes(1), 3, window, CancellationToken.None),
            await Queue.TakeWindowPermitAsync("x", Now.AddMinutes(2), 3, window, CancellationToken.None),
            await other.Queue.TakeWindowPermitAsync("x", Now.AddMinutes(3), 3, window, CancellationToken.None),
            await Queue.TakeWindowPermitAsync("mastodon", Now.AddMinutes(3), 3, window, CancellationToken.None),
            await other.Queue.TakeWindowPermitAsync("x", Now.AddMinutes(15), 3, window, CancellationToken.None),
        };

        // Assert
        Assert.Equal([null, null, null, Now.AddMinutes(15), null, null], answers);
    }

    [Fact]
    public async Task OperatorVerbs_FollowTheStateRules()
    {
        // Arrange
        var id = await EnqueueAsync("A", "x", Now);

        // Act / Assert
        Assert.False(await Queue.RetryAsync(id, Now, CancellationToken.None));
        Assert.True(await Queue.RescheduleAsync(id, Now.AddDays(1), Now, CancellationToken.None));
        Assert.Equal(Now.AddDays(1), (await Queue.GetAsync(id, CancellationToken.None))!.DueAt);
        Assert.True(await Queue.CancelAsync(id, Now, CancellationToken.None));
        Assert.Equal(PostState.Cancelled, (await Queue.GetAsync(id, CancellationToken.None))!.State);
        Assert.False(await Queue.CancelAsync(id, Now, CancellationToken.None));
        Assert.Null(await Queue.GetNextWakeAsync(CancellationToken.None));
        Assert.True(await Queue.RetryAsync(id, Now.AddMinutes(1), CancellationToken.None));
        Assert.Equal(Now.AddMinutes(1), await Queue.GetNextWakeAsync(CancellationToken.None));
        Assert.False(await Queue.CancelAsync(404, Now, CancellationToken.None));
    }

    [Theory]
    [InlineData("cancel")]
    [InlineData("retry")]
    [InlineData("reschedule")]
    [InlineData("approve")]
    public async Task OperatorVerb_OnAPostInEachState_AppliesExactlyWherePostStatesSays(string verb)
    {
        // Arrange
        var ids = await PostsInEveryStateAsync();

        // Act / Assert: the verb changes each post the rules allow, to the state they say, and leaves the others alone.
        foreach (var (state, id) in ids)
        {
            var rule = PostStates.Rule(state);
            var (allowed, changed) = verb switch
            {
                "cancel" => (rule.Cancellable, await Queue.CancelAsync(id, Now, CancellationToken.None)),
                "retry" => (rule.Retryable, await Queue.RetryAsync(id, Now, CancellationToken.None)),
                "approve" => (rule.Approvable, await Queue.ApproveAsync(id, Now.AddDays(2), Now, CancellationToken.None)),
                _ => (rule.Reschedulable, await Queue.RescheduleAsync(id, Now.AddDays(2), Now, CancellationToken.None)),
            };
            var after = (await Queue.GetAsync(id, CancellationToken.None))!.State;
            Assert.True(allowed == changed, $"{verb} on a {state} post: expected {(allowed ? "applied" : "refused")}");
            Assert.Equal(!allowed ? state : verb == "cancel" ? PostState.Cancelled : PostState.Queued, after);
        }
    }

    [Fact]
    public async Task CancelAndRetry_EachStateAsTheRulesSay()
    {
        // Arrange / Act / Assert: a failed post may be cancelled (acknowledged) and retried; a published one neither.
        var failed = await EnqueueAsync("failed", "x", Now);
        var published = await EnqueueAsync("published", "mastodon", Now);
        foreach (var post in await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None))
        {
            await Queue.RecordAsync(post.Lease!, post.Id == failed ? new PostOutcome.Failed("400") : new PostOutcome.Published("1", null), Now, CancellationToken.None);
        }

        Assert.False(await Queue.RetryAsync(published, Now, CancellationToken.None));
        Assert.False(await Queue.CancelAsync(published, Now, CancellationToken.None));
        Assert.False(await Queue.RescheduleAsync(published, Now.AddDays(1), Now, CancellationToken.None));
        Assert.True(await Queue.RetryAsync(failed, Now.AddMinutes(1), CancellationToken.None));
        var retried = await Queue.GetAsync(failed, CancellationToken.None);
        Assert.Equal(PostState.Queued, retried!.State);
        Assert.Equal(Now.AddMinutes(1), retried.DueAt);
        Assert.True(await Queue.CancelAsync(failed, Now, CancellationToken.None));
        Assert.Equal(PostState.Published, (await Queue.GetAsync(published, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task CountsAndLists_ByStateAndChannel()
    {
        // Arrange
        await EnqueueAsync("A", "x", Now);
        await EnqueueAsync("B", "x", Now.AddMinutes(1));
        await EnqueueAsync("C", "mastodon", Now.AddMinutes(2));
        var claimed = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 1, CancellationToken.None));
        await Queue.RecordAsync(claimed.Lease!, new PostOutcome.Published("1", null), Now, CancellationToken.None);

        // Act
        var counts = await Queue.CountByStateAsync(CancellationToken.None);
        var depth = await Operations.Gauges.CountByChannelAndStateAsync(CancellationToken.None);
        var queuedOldestFirst = await Queue.ListAsync([PostState.Queued], 10, newestFirst: false, CancellationToken.None);
        var queuedNewestFirst = await Queue.ListAsync([PostState.Queued], 1, newestFirst: true, CancellationToken.None);
        var none = await Queue.ListAsync([], 10, newestFirst: false, CancellationToken.None);

        // Assert
        Assert.Equal(2, counts[PostState.Queued]);
        Assert.Equal(1, counts[PostState.Published]);
        Assert.False(counts.ContainsKey(PostState.Failed));
        Assert.Equal([new QueueDepth("mastodon", PostState.Queued, 1), new QueueDepth("x", PostState.Queued, 1), new QueueDepth("x", PostState.Published, 1)], depth);
        Assert.Equal(["B", "C"], queuedOldestFirst.Select(p => p.ArticleTitle));
        Assert.Equal("C", Assert.Single(queuedNewestFirst).ArticleTitle);
        Assert.Empty(none);
    }

    [Fact]
    public async Task IngestRecords_AreRememberedAcrossInstancesAndReplaced()
    {
        // Arrange
        await Queue.RecordIngestAsync(new IngestRecord("abc", "seeds/bad.txt", IngestOutcome.Rejected, "empty file", Now), CancellationToken.None);
        await Queue.RecordIngestAsync(new IngestRecord("def", "seeds/good.txt", IngestOutcome.Queued, "2 posts", Now.AddMinutes(1)), CancellationToken.None);
        await Queue.RecordIngestAsync(new IngestRecord("abc", "seeds/bad.txt", IngestOutcome.Duplicate, "same story", Now.AddMinutes(2)), CancellationToken.None);

        // Act
        var reopened = await OpenAsync();
        await reopened.Queue.InitializeAsync(CancellationToken.None);
        var record = await reopened.Queue.GetIngestAsync("abc", CancellationToken.None);
        var inputs = await reopened.Operations.Inputs.ListInputsAsync(10, CancellationToken.None);

        // Assert
        Assert.Equal(IngestOutcome.Duplicate, record!.Outcome);
        Assert.Equal("same story", record.Detail);
        Assert.Equal(Now.AddMinutes(2), record.At);
        Assert.Null(await reopened.Queue.GetIngestAsync("never", CancellationToken.None));
        Assert.Equal(["abc", "def"], inputs.Select(i => i.Fingerprint));
    }

    [Fact]
    public async Task ListInputsAsync_SameTime_NewestRecordedFirstUpToTheLimit()
    {
        // Arrange
        foreach (var fingerprint in new[] { "a", "b", "c" })
        {
            await Queue.RecordIngestAsync(new IngestRecord(fingerprint, $"seeds/{fingerprint}.txt", IngestOutcome.Queued, null, Now), CancellationToken.None);
        }

        // Act
        var inputs = await Operations.Inputs.ListInputsAsync(2, CancellationToken.None);

        // Assert
        Assert.Equal(["c", "b"], inputs.Select(i => i.Fingerprint));
    }

    [Fact]
    public async Task ChannelSwitch_Paused_ItsPostsAreNeitherClaimedNorWaitedForUntilResumed()
    {
        // Arrange
        await EnqueueAsync("x story", "x", Now);
        await EnqueueAsync("mastodon story", "mastodon", Now);
        await Operations.Switches.PauseAsync("x", "operator", Now, CancellationToken.None);

        // Act
        var claimed = await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None);
        await Queue.RecordAsync(Assert.Single(claimed).Lease!, new PostOutcome.Published("1", null), Now, CancellationToken.None);
        var wakeWhilePaused = await Queue.GetNextWakeAsync(CancellationToken.None);
        var resumed = await Operations.Switches.ResumeAsync("x", CancellationToken.None);

        // Assert
        Assert.Equal("mastodon", Assert.Single(claimed).Channel);
        Assert.Null(wakeWhilePaused);
        Assert.True(resumed);
        var kept = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None));
        Assert.Equal("x", kept.Channel);
        Assert.Equal(1, kept.Attempts);
    }

    [Fact]
    public async Task ChannelSwitch_AllPaused_NothingIsClaimed()
    {
        // Arrange
        await EnqueueAsync("x story", "x", Now);
        await Operations.Switches.PauseAsync(ChannelPause.AllChannels, null, Now, CancellationToken.None);

        // Act
        var claimed = await Queue.ClaimDueAsync(Now, "me", Lease, 10, CancellationToken.None);

        // Assert
        Assert.Empty(claimed);
        Assert.Null(await Queue.GetNextWakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PauseAsync_Twice_SecondReportsNothingChangedAndKeepsTheFirstTime()
    {
        // Arrange
        var first = await Operations.Switches.PauseAsync("x", "first", Now, CancellationToken.None);

        // Act
        var second = await Operations.Switches.PauseAsync("x", "second", Now.AddHours(1), CancellationToken.None);

        // Assert
        Assert.True(first);
        Assert.False(second);
        var pause = (await Operations.Switches.GetPausedAsync(CancellationToken.None))["x"];
        Assert.Equal(Now, pause.PausedAt);
        Assert.Equal("first", pause.Reason);
    }

    [Fact]
    public async Task ResumeAsync_AllSwitch_RemovesOnlyThatSwitch()
    {
        // Arrange
        await Operations.Switches.PauseAsync("x", null, Now, CancellationToken.None);
        await Operations.Switches.PauseAsync(ChannelPause.AllChannels, null, Now, CancellationToken.None);

        // Act
        var resumed = await Operations.Switches.ResumeAsync(ChannelPause.AllChannels, CancellationToken.None);
        var again = await Operations.Switches.ResumeAsync(ChannelPause.AllChannels, CancellationToken.None);

        // Assert
        Assert.True(resumed);
        Assert.False(again);
        Assert.Equal(["x"], (await Operations.Switches.GetPausedAsync(CancellationToken.None)).Keys);
    }

    [Fact]
    public async Task Heartbeats_ReplacedPerOwnerAndLoop_NewestFirst_RemovedByOwner()
    {
        // Arrange
        var heartbeats = Operations.Heartbeats;
        await heartbeats.BeatAsync("replica-a", "dispatcher", Now, Now, CancellationToken.None);
        await heartbeats.BeatAsync("replica-b", "dispatcher", Now, Now.AddSeconds(5), CancellationToken.None);
        await heartbeats.BeatAsync("replica-a", "dispatcher", Now, Now.AddSeconds(10), CancellationToken.None);
        await heartbeats.BeatAsync("replica-a", "watcher", Now, Now.AddSeconds(1), CancellationToken.None);

        // Act
        var beats = await heartbeats.ListHeartbeatsAsync(CancellationToken.None);
        await heartbeats.RemoveHeartbeatsAsync("replica-a", CancellationToken.None);
        var left = await heartbeats.ListHeartbeatsAsync(CancellationToken.None);

        // Assert
        Assert.Equal(
            [new ServiceHeartbeat("replica-a", "dispatcher", Now, Now.AddSeconds(10)), new ServiceHeartbeat("replica-b", "dispatcher", Now, Now.AddSeconds(5)), new ServiceHeartbeat("replica-a", "watcher", Now, Now.AddSeconds(1))],
            beats);
        Assert.Equal("replica-b", Assert.Single(left).Owner);
    }

    [Fact]
    public async Task Retractions_RecordedInOneGo_ListedNewestFirstAndByArticle()
    {
        // Arrange: two posts of one article retracted together, a post of another article later.
        var first = await EnqueueAsync("withdrawn story", "x", Now);
        var second = await EnqueueAsync("withdrawn story again", "mastodon", Now);
        var other = await EnqueueAsync("another story", "x", Now.AddHours(1));
        var retractions = Operations.Retractions;
        await retractions.RecordRetractionsAsync(
            [
                new RetractionRecord(first, "article-1", "x", "deleted", "1445880548472328192", "withdrawn by the source", "operator", Now.AddHours(2)),
                new RetractionRecord(second, "article-1", "mastodon", "cancelled", null, "withdrawn by the source", "operator", Now.AddHours(2)),
            ],
            CancellationToken.None);
        await retractions.RecordRetractionsAsync([new RetractionRecord(other, "article-2", "x", "not-possible", "no delete", "error", "feed", Now.AddHours(3))], CancellationToken.None);

        // Act
        var all = await retractions.ListRetractionsAsync(null, 10, CancellationToken.None);
        var ofFirst = await retractions.ListRetractionsAsync("article-1", 10, CancellationToken.None);
        var newest = await retractions.ListRetractionsAsync(null, 1, CancellationToken.None);

        // Assert
        Assert.Equal([other, second, first], all.Select(r => r.PostId));
        Assert.Equal(new RetractionRecord(first, "article-1", "x", "deleted", "1445880548472328192", "withdrawn by the source", "operator", Now.AddHours(2)), all[2]);
        Assert.Null(all[1].Detail);
        Assert.Equal([second, first], ofFirst.Select(r => r.PostId));
        Assert.Equal(other, Assert.Single(newest).PostId);
    }

    [Fact]
    public async Task ScheduleQueries_CountOnlyLivePostsAndPublishedTimes()
    {
        // Arrange: x has a published, a queued, a failed and a cancelled post; mastodon one queued.
        var published = await EnqueueAsync("published", "x", Now);
        var failed = await EnqueueAsync("failed", "x", Now.AddMinutes(1));
        await EnqueueAsync("queued", "x", Now.AddHours(2));
        var cancelled = await EnqueueAsync("cancelled", "x", Now.AddHours(3));
        await EnqueueAsync("other channel", "mastodon", Now.AddHours(4));
        foreach (var post in await Queue.ClaimDueAsync(Now.AddMinutes(1), "me", Lease, 10, CancellationToken.None))
        {
            await Queue.RecordAsync(post.Lease!, post.Id == published ? new PostOutcome.Published("1", null) : new PostOutcome.Failed("400"), Now.AddMinutes(1), CancellationToken.None);
        }

        await Queue.CancelAsync(cancelled, Now, CancellationToken.None);

        // Act
        var lastDue = await Queue.GetLastDueAsync("x", CancellationToken.None);
        var dueTimes = await Queue.GetDueTimesAsync("x", Now, Now.AddDays(1), CancellationToken.None);
        var window = await Queue.GetDueTimesAsync("x", Now.AddMinutes(1), Now.AddHours(2), CancellationToken.None);
        var publishedToday = await Queue.CountPublishedAsync("x", Now, Now.AddDays(1), CancellationToken.None);
        var publishedBefore = await Queue.CountPublishedAsync("x", Now.AddDays(-1), Now.AddMinutes(1), CancellationToken.None);

        // Assert
        Assert.NotEqual(0, failed);
        Assert.Equal(Now.AddHours(2), lastDue);
        Assert.Equal([Now, Now.AddHours(2)], dueTimes.Order());
        Assert.Empty(window);
        Assert.Equal(1, publishedToday);
        Assert.Equal(0, publishedBefore);
        Assert.Null(await Queue.GetLastDueAsync("telegram", CancellationToken.None));
        Assert.Null(await Queue.GetLastPublishedAsync("mastodon", CancellationToken.None));
    }

    [Fact]
    public async Task ClaimDueAsync_HeldPost_NeverClaimedNorWokenForNorHoldingTime()
    {
        // Arrange
        var id = await EnqueueHeldAsync("Held story", Now);

        // Act
        var claimed = await Queue.ClaimDueAsync(Now.AddDays(30), "test", Lease, 10, CancellationToken.None);
        var wake = await Queue.GetNextWakeAsync(CancellationToken.None);
        var lastDue = await Queue.GetLastDueAsync("x", CancellationToken.None);

        // Assert
        Assert.Empty(claimed);
        Assert.Null(wake);
        Assert.Null(lastDue);
        Assert.Equal(PostState.Held, (await Queue.GetAsync(id, CancellationToken.None))!.State);
    }

    [Fact]
    public async Task ApproveAsync_HeldPost_QueuedAtTheGivenTimeAndClaimedThenOnly()
    {
        // Arrange
        var id = await EnqueueHeldAsync("Held story", Now);
        var due = Now.AddMinutes(20);

        // Act
        var approved = await Queue.ApproveAsync(id, due, Now, CancellationToken.None);
        var again = await Queue.ApproveAsync(id, due, Now, CancellationToken.None);
        var early = await Queue.ClaimDueAsync(due.AddSeconds(-1), "test", Lease, 10, CancellationToken.None);
        var onTime = await Queue.ClaimDueAsync(due, "test", Lease, 10, CancellationToken.None);

        // Assert
        Assert.True(approved);
        Assert.False(again);
        Assert.Empty(early);
        Assert.Equal(id, Assert.Single(onTime).Id);
        Assert.Equal(due, onTime[0].DueAt);
    }

    [Fact]
    public async Task ApproveAsync_PostNotHeld_Refused()
    {
        // Arrange
        await Queue.EnqueueAsync(TestArticles.Create("Queued story"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var queued = Assert.Single(await Queue.ListAsync([PostState.Queued], 10, false, CancellationToken.None));

        // Act
        var approved = await Queue.ApproveAsync(queued.Id, Now.AddHours(1), Now, CancellationToken.None);

        // Assert
        Assert.False(approved);
        Assert.Equal(Now, (await Queue.GetAsync(queued.Id, CancellationToken.None))!.DueAt);
    }

    [Fact]
    public async Task ExpireHeldAsync_OnlyHeldPostsWrittenBeforeTheCutOff_CancelledWithTheReason()
    {
        // Arrange
        var old = await EnqueueHeldAsync("Old held story", Now);
        await Queue.EnqueueAsync(TestArticles.Create("Queued story"), [new(TestArticles.Draft("x"), Now)], Now, CancellationToken.None);
        var fresh = await EnqueueHeldAsync("Fresh held story", Now.AddHours(2));

        // Act
        var expired = await Queue.ExpireHeldAsync(Now.AddHours(1), "not approved in time", Now.AddHours(3), CancellationToken.None);

        // Assert
        Assert.Equal([old], expired);
        var oldPost = (await Queue.GetAsync(old, CancellationToken.None))!;
        Assert.Equal((PostState.Cancelled, "not approved in time"), (oldPost.State, oldPost.LastError));
        Assert.Equal(PostState.Held, (await Queue.GetAsync(fresh, CancellationToken.None))!.State);
        Assert.Equal(1, (await Queue.CountByStateAsync(CancellationToken.None))[PostState.Queued]);
    }

    [Fact]
    public async Task CancelAsync_HeldPost_Cancelled()
    {
        // Arrange
        var id = await EnqueueHeldAsync("Held story", Now);

        // Act
        var cancelled = await Queue.CancelAsync(id, Now, CancellationToken.None);

        // Assert
        Assert.True(cancelled);
        Assert.Equal(PostState.Cancelled, (await Queue.GetAsync(id, CancellationToken.None))!.State);
    }

    private async Task<long> EnqueueHeldAsync(string title, DateTimeOffset at)
    {
        await Queue.EnqueueAsync(TestArticles.Create(title), [new(TestArticles.Draft("x"), at, Held: true)], at, CancellationToken.None);
        return (await Queue.ListAsync([PostState.Held], 100, false, CancellationToken.None)).Single(p => p.ArticleTitle == title).Id;
    }

    /// <summary>Empties the store (a fresh database, schema and all) before each test.</summary>
    protected abstract Task ResetStoreAsync();

    /// <summary>Opens another instance of the ledger on the same store (another process's or replica's view), not initialised.</summary>
    internal abstract Task<Ledger> OpenAsync(global::SyndicationBot.Configuration.SecretRedactor? redactor = null);

    private const string StormUrl = "https://news.example.com/storm";

    private Task<IReadOnlyList<QueuedPost>> AllPostsAsync() =>
        Queue.ListAsync(Enum.GetValues<PostState>(), 1000, false, CancellationToken.None);

    // One post in every state, by the ways the ledger gets there: queued, leased, and each attempt's outcome.
    private async Task<Dictionary<PostState, long>> PostsInEveryStateAsync()
    {
        var ids = new Dictionary<PostState, long> { [PostState.Queued] = await EnqueueAsync("queued", "x", Now.AddHours(1)) };
        PostOutcome[] outcomes = [new PostOutcome.Published("1", null), new PostOutcome.RetryAt(Now.AddHours(1), "503"), new PostOutcome.Failed("400"), new PostOutcome.Skipped("old"), new PostOutcome.InDoubt("?"), new PostOutcome.Cancelled()];
        foreach (var outcome in outcomes)
        {
            var state = PostStates.After(outcome).State;
            var id = await EnqueueAsync(state.ToString(), "x", Now);
            var post = Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 1, CancellationToken.None));
            Assert.Equal(id, post.Id);
            Assert.True(await Queue.RecordAsync(post.Lease!, outcome, Now, CancellationToken.None));
            ids[state] = id;
        }

        ids[PostState.Publishing] = await EnqueueAsync("publishing", "x", Now);
        Assert.Single(await Queue.ClaimDueAsync(Now, "me", Lease, 1, CancellationToken.None));
        ids[PostState.Held] = await EnqueueHeldAsync("held", Now);
        Assert.Equal(Enum.GetValues<PostState>().Order(), ids.Keys.Order());
        return ids;
    }

    private async Task<long> EnqueueAsync(string title, string channel, DateTimeOffset due)
    {
        await Queue.EnqueueAsync(TestArticles.Create(title), [new(TestArticles.Draft(channel), due)], Now, CancellationToken.None);
        return (await AllPostsAsync()).Single(p => p.ArticleTitle == title).Id;
    }

    /// <summary>One instance of the ledger under test: its posts side and its operator side.</summary>
    internal sealed record Ledger(IPostQueue Queue, LedgerOperations Operations);
}
