using SyndicationBot.Ingestion;
using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Ingestion;

/// <summary>The update-post rules on their own: no ledger, no composers.</summary>
public sealed class UpdatePostRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private static readonly UpdatePostsOptions On = new() { Enabled = true, MaxPerArticle = 2, MinInterval = TimeSpan.FromMinutes(30) };

    [Fact]
    public void WhyNoUpdate_UpdatesOff_NamesTheSetting()
    {
        // Act
        var why = UpdatePostRules.WhyNoUpdate(new UpdatePostsOptions(), Changed(), Now);

        // Assert
        Assert.Equal("update posts are off (Sources:Updates:Enabled)", why);
    }

    [Fact]
    public void WhyNoUpdate_OnlyLaterParagraphsChanged_SaysSo()
    {
        // Act
        var why = UpdatePostRules.WhyNoUpdate(On, Changed(leadChanged: false), Now);

        // Assert
        Assert.Equal("only the text below the headline and lead changed", why);
    }

    [Fact]
    public void WhyNoUpdate_BudgetUsed_NamesMaxPerArticle()
    {
        // Act
        var why = UpdatePostRules.WhyNoUpdate(On, Changed(updateRevisions: 2), Now);

        // Assert
        Assert.Equal("it already had 2 update posts (Sources:Updates:MaxPerArticle)", why);
    }

    [Theory]
    [InlineData(29, "its last update post was queued less than Sources:Updates:MinInterval ago")]
    [InlineData(30, null)]
    public void WhyNoUpdate_LastUpdateRecent_WaitsForMinInterval(int minutesAgo, string? expected)
    {
        // Act
        var why = UpdatePostRules.WhyNoUpdate(On, Changed(updateRevisions: 1, lastUpdateAt: Now.AddMinutes(-minutesAgo)), Now);

        // Assert
        Assert.Equal(expected, why);
    }

    [Fact]
    public void Plan_UnsentAndSentPosts_RefreshesTheUnsentAndUpdatesTheSent()
    {
        // Arrange
        var changed = Changed(posts:
        [
            Post("outbox", PostState.Published),
            Post("mastodon", PostState.Queued),
            Post("x", PostState.RetryWaiting),
            Post("telegram", PostState.InDoubt),
            Post("bluesky", PostState.Failed),
        ]);

        // Act
        var plan = UpdatePostRules.Plan(On, changed, ["outbox", "mastodon", "x", "telegram", "bluesky", "facebook"], Now);

        // Assert
        Assert.Equal(["mastodon", "x"], plan.Refresh.Select(p => p.Channel));
        Assert.Equal(["outbox", "telegram"], plan.UpdateChannels);
        Assert.Null(plan.WhyNoUpdate);
        Assert.False(plan.IsEmpty);
    }

    [Fact]
    public void Plan_UpdatesOff_OnlyRefreshesAndKeepsTheReason()
    {
        // Arrange
        var changed = Changed(posts: [Post("outbox", PostState.Published), Post("mastodon", PostState.Queued)]);

        // Act
        var plan = UpdatePostRules.Plan(new UpdatePostsOptions(), changed, ["outbox", "mastodon"], Now);

        // Assert
        Assert.Equal("mastodon", Assert.Single(plan.Refresh).Channel);
        Assert.Empty(plan.UpdateChannels);
        Assert.Equal("update posts are off (Sources:Updates:Enabled)", plan.WhyNoUpdate);
    }

    [Fact]
    public void Plan_ChannelNoLongerEnabled_LeavesItsPostsAlone()
    {
        // Arrange
        var changed = Changed(posts: [Post("outbox", PostState.Published), Post("mastodon", PostState.Queued)]);

        // Act
        var plan = UpdatePostRules.Plan(On, changed, ["x"], Now);

        // Assert
        Assert.True(plan.IsEmpty);
    }

    private static ArticleMatch.Changed Changed(bool leadChanged = true, int updateRevisions = 0, DateTimeOffset? lastUpdateAt = null, IReadOnlyList<QueuedPost>? posts = null) =>
        new(leadChanged, updateRevisions, lastUpdateAt, posts ?? [Post("outbox", PostState.Published)]);

    private static QueuedPost Post(string channel, PostState state) =>
        new(1, "article", "Title", channel, TestArticles.Draft(channel), $"article:{channel}", state, Now.AddHours(-1), 1, null, null, null, null, null, null, null);
}
