using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Facebook;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.Channels.X;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Retraction;
using SyndicationBot.Tests.Channels.Facebook;
using SyndicationBot.Tests.Channels.Mastodon;
using SyndicationBot.Tests.Channels.Resilience;
using SyndicationBot.Tests.Channels.X;
using SyndicationBot.Tests.Contract;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Retraction;

/// <summary>
/// A retraction through the real channels on their contract servers and the real SQLite ledger: published posts
/// deleted on X, Mastodon and Facebook, a post not yet sent cancelled, what cannot be done reported, all recorded.
/// </summary>
public sealed class ArticleRetractorTests : IAsyncLifetime, IDisposable
{
    private const string PageToken = "EAAGm0PX4ZCpsBARetractPageToken0123456789";
    private const string AppSecret = "9a8b7c6d5e4f30211203f4e5d6c7b8a9";
    private readonly FakeTimeProvider time = new(ChannelTestHost.Start);
    private readonly TempLedger ledger = new();
    private FakeXServer? x;
    private FakeMastodonServer? mastodon;
    private FacebookContractServer? facebook;
    private ChannelTestHost? xHost;
    private ChannelTestHost? mastodonHost;
    private FacebookTestHost? facebookHost;

    public async Task InitializeAsync()
    {
        x = await FakeXServer.StartAsync(time);
        mastodon = await FakeMastodonServer.StartAsync(time);
        facebook = await FacebookContractServer.StartAsync(PageToken, AppSecret, time);
        xHost = ChannelTestHost.Create(
            [
                new("Channels:X:Enabled", "true"),
                new("Channels:X:BaseUrl", x.BaseAddress.AbsoluteUri),
                new("Channels:X:ConsumerKey", FakeXServer.ConsumerKey),
                new("Channels:X:ConsumerSecret", FakeXServer.ConsumerSecret),
                new("Channels:X:AccessToken", FakeXServer.AccessToken),
                new("Channels:X:AccessTokenSecret", FakeXServer.AccessTokenSecret),
            ],
            services => services.AddXChannel(),
            time);
        mastodonHost = ChannelTestHost.Create(
            [
                new("Channels:Mastodon:Enabled", "true"),
                new("Channels:Mastodon:BaseUrl", mastodon.BaseAddress.AbsoluteUri),
                new("Channels:Mastodon:AccessToken", FakeMastodonServer.Token),
            ],
            services => services.AddMastodonChannel(),
            time);
        facebookHost = new FacebookTestHost(facebook.BaseUrl, PageToken, AppSecret);
        await ledger.Queue.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        facebookHost!.Dispose();
        await mastodonHost!.DisposeAsync();
        await xHost!.DisposeAsync();
        await facebook!.DisposeAsync();
        await mastodon!.DisposeAsync();
        await x!.DisposeAsync();
    }

    public void Dispose() => ledger.Dispose();

    [Fact]
    public async Task RetractAsync_PublishedAndQueuedPosts_DeletedOnEachNetworkCancelledHereAndRecorded()
    {
        // Arrange: published on X, Mastodon and Facebook; the Telegram post is due tomorrow.
        IChannel[] channels = [xHost!.Get<XChannel>(), mastodonHost!.Get<MastodonChannel>(), facebookHost!.Channel, new StubChannel("telegram", DeliveryGuarantee.None, _ => new PublishResult.Published("1", null))];
        var article = TestArticles.Create("Council votes on rents", "https://example.org/news/rents");
        await ledger.Queue.EnqueueAsync(
            article,
            [new(TestArticles.Draft("x", "Council votes on rents https://example.org/news/rents"), time.GetUtcNow()),
             new(TestArticles.Draft("mastodon", "Council votes on rents https://example.org/news/rents"), time.GetUtcNow()),
             new(TestArticles.Draft("facebook", "Council votes on rents"), time.GetUtcNow()),
             new(TestArticles.Draft("telegram", "Council votes on rents"), time.GetUtcNow().AddDays(1))],
            time.GetUtcNow(),
            CancellationToken.None);
        await Dispatcher(channels).RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var posts = await ledger.Queue.ListAsync(Enum.GetValues<PostState>(), 10, false, CancellationToken.None);
        var target = Target(channels);
        time.Advance(TimeSpan.FromHours(2));

        // Act
        var records = await target.RetractAsync(posts[0].ArticleKey, "the story was withdrawn by the desk", "editor", CancellationToken.None);
        var again = await target.RetractAsync(posts[0].ArticleKey, "again", "editor", CancellationToken.None);

        // Assert: every network's own record of the post is gone, the unsent one is cancelled.
        Assert.Empty(x!.Posts);
        Assert.Single(x.Deleted);
        Assert.Empty(mastodon!.Statuses);
        Assert.Single(mastodon.Deleted);
        Assert.Empty(facebook!.PagePosts);
        Assert.Single(facebook.Deleted);
        var telegram = posts.Single(p => p.Channel == "telegram");
        Assert.Equal(PostState.Cancelled, (await ledger.Queue.GetAsync(telegram.Id, CancellationToken.None))!.State);
        Assert.Equal(
            ["facebook deleted", "mastodon deleted", "telegram cancelled", "x deleted"],
            records!.Select(r => $"{r.Channel} {r.Action}").Order(StringComparer.Ordinal));
        Assert.All(records!, r => Assert.Equal(("editor", "the story was withdrawn by the desk", time.GetUtcNow()), (r.By, r.Reason, r.At)));
        Assert.Empty(again!);
        var stored = await ledger.Operations().ListRetractionsAsync(posts[0].ArticleKey, 100, CancellationToken.None);
        Assert.Equal(4, stored.Count);
    }

    [Fact]
    public async Task RetractAsync_NetworkRefusesTheDelete_ReportedAsFailedAndRetriedByTheNextRetraction()
    {
        // Arrange
        IChannel[] channels = [xHost!.Get<XChannel>()];
        await ledger.Queue.EnqueueAsync(TestArticles.Create("Story", "https://example.org/story"), [new(TestArticles.Draft("x", "Story https://example.org/story"), time.GetUtcNow())], time.GetUtcNow(), CancellationToken.None);
        await Dispatcher(channels).RunOnceAsync(CancellationToken.None, CancellationToken.None);
        var post = Assert.Single(await ledger.Queue.ListAsync(Enum.GetValues<PostState>(), 10, false, CancellationToken.None));
        x!.LimitReads("tweets/delete", 50, 0);
        var target = Target(channels);

        // Act: by the post's id this time.
        var refused = await target.RetractAsync(post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "withdrawn", "editor", CancellationToken.None);
        time.Advance(x.Window);
        var retried = await target.RetractAsync(post.ArticleKey, "withdrawn", "editor", CancellationToken.None);

        // Assert
        var failed = Assert.Single(refused!);
        Assert.Equal(ArticleRetractor.Failed, failed.Action);
        Assert.Contains("try again after", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(ArticleRetractor.Deleted, Assert.Single(retried!).Action);
        Assert.Empty(x.Posts);
    }

    [Fact]
    public async Task RetractAsync_UnknownArticle_Null()
    {
        // Act
        var records = await Target([]).RetractAsync("https://example.org/never-seen", "withdrawn", "editor", CancellationToken.None);

        // Assert
        Assert.Null(records);
    }

    private ArticleRetractor Target(IEnumerable<IChannel> channels) =>
        new(ledger.Queue, ledger.Operations(), channels, time, NullLogger<ArticleRetractor>.Instance);

    private Dispatcher Dispatcher(IEnumerable<IChannel> channels)
    {
        var options = new DispatchOptions();
        return new Dispatcher(
            ledger.Queue,
            channels,
            new SendNow(),
            new RetryPolicy(options, () => 0.5),
            new DispatchPasses(),
            Options.Create(options),
            Options.Create(new StorageOptions()),
            time,
            NullLogger<Dispatcher>.Instance);
    }

    private sealed class SendNow : IPostDispatchPolicy
    {
        public Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken) =>
            Task.FromResult(DispatchDecision.SendNow);
    }
}
