using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Ingestion;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Ingestion;

/// <summary>
/// An article changed at the source, through the real graph (loader, summariser, composers, scheduler, SQLite ledger):
/// unsent posts take the new text; published ones are posted again only when the operator enabled update posts.
/// </summary>
public sealed class ArticleUpdateTests : IDisposable
{
    private const string Url = "https://news.example.ma/economie/port-tanger-123";
    private const string Headline = "Storm closes the port of Tangier for a second day";
    private const string Lead = "The port of Tangier Med stayed closed on Tuesday as gale-force winds and waves of up to seven metres hit the Strait of Gibraltar, the port authority said.";
    private const string Second = "Ferry crossings to Algeciras and Tarifa were suspended, leaving hundreds of lorries waiting at the terminals.";
    private const string NewHeadline = "Port of Tangier reopens after two days of storm";
    private const string NewLead = "The port of Tangier Med reopened on Wednesday morning after the winds eased, the port authority said, and the first ferries left for Algeciras at 9 a.m.";

    private static readonly DateTimeOffset Start = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(Start);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }

    [Fact]
    public async Task IngestAsync_PublishedArticleChangedAndUpdatesOff_IsNotPostedAgain()
    {
        // Arrange
        using var host = BuildHost(updates: false);
        var (ingestor, queue) = Resolve(host);
        await IngestAsync(ingestor, Page(Headline, Lead, Second));
        await PublishAllDueAsync(queue);

        // Act
        var record = Assert.Single(await IngestAsync(ingestor, Page(NewHeadline, NewLead, Second)));

        // Assert
        Assert.Equal(IngestOutcome.Duplicate, record.Outcome);
        Assert.Contains("Sources:Updates:Enabled", record.Detail, StringComparison.Ordinal);
        var posts = await AllPostsAsync(queue);
        Assert.All(posts, post => Assert.Equal(PostState.Published, post.State));
        Assert.Equal(2, posts.Count);
    }

    [Fact]
    public async Task IngestAsync_QueuedArticleChanged_UnsentPostGoesOutWithTheNewTextOnly()
    {
        // Arrange: the outbox post is sent, the Mastodon post is still waiting for its slot.
        using var host = BuildHost(updates: false);
        var (ingestor, queue) = Resolve(host);
        await IngestAsync(ingestor, Page(Headline, Lead, Second));
        await PublishAllDueAsync(queue, only: "outbox");

        // Act
        var record = Assert.Single(await IngestAsync(ingestor, Page(NewHeadline, NewLead, Second)));

        // Assert
        Assert.Equal(IngestOutcome.Updated, record.Outcome);
        var posts = await AllPostsAsync(queue);
        Assert.Equal(2, posts.Count);
        var mastodon = Assert.Single(posts, p => p.Channel == "mastodon");
        Assert.Equal(PostState.Queued, mastodon.State);
        Assert.StartsWith(NewHeadline, mastodon.Draft.Text, StringComparison.Ordinal);
        Assert.Contains(Url, mastodon.Draft.Text, StringComparison.Ordinal);
        var outbox = Assert.Single(posts, p => p.Channel == "outbox");
        Assert.StartsWith(Headline, outbox.Draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_PublishedArticleHeadlineChangedAndUpdatesOn_QueuesOneUpdatePostPerChannel()
    {
        // Arrange
        using var host = BuildHost(updates: true);
        var (ingestor, queue) = Resolve(host);
        await IngestAsync(ingestor, Page(Headline, Lead, Second));
        var originals = await PublishAllDueAsync(queue);

        // Act: the change, then the same changed page again (another poll, a rescan).
        var record = Assert.Single(await IngestAsync(ingestor, Page(NewHeadline, NewLead, Second)));
        var again = Assert.Single(await IngestAsync(ingestor, Page(NewHeadline, NewLead, Second) + "\n"));

        // Assert
        Assert.Equal(IngestOutcome.Updated, record.Outcome);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
        var updates = (await AllPostsAsync(queue)).Where(p => p.State == PostState.Queued).OrderBy(p => p.Channel, StringComparer.Ordinal).ToList();
        Assert.Equal(["mastodon", "outbox"], updates.Select(p => p.Channel));
        Assert.All(updates, post =>
        {
            Assert.StartsWith("Update: " + NewHeadline, post.Draft.Text, StringComparison.Ordinal);
            Assert.Contains(Url, post.Draft.Text, StringComparison.Ordinal);
            Assert.True(post.Draft.Length <= post.Draft.Limit);
            Assert.DoesNotContain(post.IdempotencyKey, originals.Select(o => o.IdempotencyKey));
        });
    }

    [Fact]
    public async Task IngestAsync_RepeatedChanges_AreCappedByMinIntervalAndMaxPerArticle()
    {
        // Arrange: at most 2 updates, 30 minutes apart.
        using var host = BuildHost(updates: true, maxPerArticle: 2);
        var (ingestor, queue) = Resolve(host);
        await IngestAsync(ingestor, Page(Headline, Lead, Second));
        await PublishAllDueAsync(queue);

        // Act
        var outcomes = new List<IngestOutcome>();
        for (var version = 1; version <= 4; version++)
        {
            var record = Assert.Single(await IngestAsync(ingestor, Page($"{NewHeadline} (version {version})", NewLead, Second)));
            outcomes.Add(record.Outcome);
            await PublishAllDueAsync(queue);
            _time.Advance(version == 1 ? TimeSpan.FromMinutes(10) : TimeSpan.FromMinutes(40));
        }

        // Assert: v1 posted; v2 ten minutes later held back; v3 posted; v4 over the cap.
        Assert.Equal([IngestOutcome.Updated, IngestOutcome.Duplicate, IngestOutcome.Updated, IngestOutcome.Duplicate], outcomes);
        var texts = (await AllPostsAsync(queue)).Where(p => p.Channel == "outbox").Select(p => p.Draft.Text).ToList();
        Assert.Equal(3, texts.Count);
        Assert.Contains(texts, t => t.StartsWith("Update: " + NewHeadline + " (version 1)", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Update: " + NewHeadline + " (version 3)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestAsync_OnlyALaterParagraphChangedAndUpdatesOn_IsNotPostedAgain()
    {
        // Arrange
        using var host = BuildHost(updates: true);
        var (ingestor, queue) = Resolve(host);
        await IngestAsync(ingestor, Page(Headline, Lead, Second));
        await PublishAllDueAsync(queue);

        // Act
        var record = Assert.Single(await IngestAsync(ingestor, Page(Headline, Lead, Second + " The authority said it would review the forecast on Wednesday.")));

        // Assert
        Assert.Equal(IngestOutcome.Duplicate, record.Outcome);
        Assert.Contains("below the headline and lead", record.Detail, StringComparison.Ordinal);
        Assert.Equal(2, (await AllPostsAsync(queue)).Count);
    }

    [Fact]
    public async Task IngestAsync_ChangedFileWithoutUrlAndUpdatesOff_IsTheSameArticleNotANewOne()
    {
        // Arrange: a page with no link is known by its file.
        using var host = BuildHost(updates: false);
        var (ingestor, queue) = Resolve(host);
        await ingestor.IngestAsync("seeds/port.txt", Encoding.UTF8.GetBytes(Page(Headline, Lead, Second, url: null)), [], CancellationToken.None);
        await PublishAllDueAsync(queue);

        // Act
        var changed = Assert.Single(await ingestor.IngestAsync("seeds/port.txt", Encoding.UTF8.GetBytes(Page(NewHeadline, NewLead, Second, url: null)), [], CancellationToken.None));
        var elsewhere = Assert.Single(await ingestor.IngestAsync("seeds/other.txt", Encoding.UTF8.GetBytes(Page(NewHeadline + " again", Second, Lead, url: null)), [], CancellationToken.None));

        // Assert
        Assert.Equal(IngestOutcome.Duplicate, changed.Outcome);
        Assert.Equal(IngestOutcome.Queued, elsewhere.Outcome);
    }

    private static string Page(string headline, string lead, string second, string? url = Url) =>
        (url is null ? string.Empty : $"URL: {url}\n") + $"Home\nÉconomie\n{headline}\n{lead}\n{second}\n";

    private static (ArticleIngestor Ingestor, IPostQueue Queue) Resolve(IHost host) =>
        (host.Services.GetRequiredService<ArticleIngestor>(), host.Services.GetRequiredService<IPostQueue>());

    private static Task<IReadOnlyList<IngestRecord>> IngestAsync(ArticleIngestor ingestor, string page) =>
        ingestor.IngestAsync("seeds/port.txt", Encoding.UTF8.GetBytes(page), [], CancellationToken.None);

    private static Task<IReadOnlyList<QueuedPost>> AllPostsAsync(IPostQueue queue) =>
        queue.ListAsync(Enum.GetValues<PostState>(), 100, newestFirst: false, CancellationToken.None);

    // Stands in for the dispatcher: every post due now is claimed and recorded as published (or, when only one
    // channel is to go out, the others are released back to the queue untouched).
    private async Task<IReadOnlyList<QueuedPost>> PublishAllDueAsync(IPostQueue queue, string? only = null)
    {
        var now = _time.GetUtcNow();
        var claimed = await queue.ClaimDueAsync(now, "test", TimeSpan.FromMinutes(1), 100, CancellationToken.None);
        foreach (var post in claimed)
        {
            PostOutcome outcome = only is null || post.Channel == only
                ? new PostOutcome.Published(post.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), null)
                : new PostOutcome.Released(now.AddHours(1));
            await queue.RecordAsync(post.Lease!, outcome, now, CancellationToken.None);
        }

        return claimed;
    }

    private IHost BuildHost(bool updates, int maxPerArticle = 3) =>
        TestHost.CreateBuilder(_folder, new Dictionary<string, string?>
        {
            ["Schedule:MinSpacing"] = "00:00:00",
            ["Sources:Updates:Enabled"] = updates ? "true" : "false",
            ["Sources:Updates:MaxPerArticle"] = maxPerArticle.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Channels:Mastodon:Enabled"] = "true",
            ["Channels:Mastodon:BaseUrl"] = "http://127.0.0.1:9/",
            ["Channels:Mastodon:AccessToken"] = "test-token-not-secret",
        }, _time).Build();
}
