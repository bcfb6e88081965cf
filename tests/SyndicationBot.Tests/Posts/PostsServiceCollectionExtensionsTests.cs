using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;
using SyndicationBot.Tests.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class PostsServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPosts_Resolved_RegistersOneComposerPerChannel()
    {
        // Arrange
        using var provider = PostsTestHost.Create();

        // Act
        var channels = provider.GetServices<IPostComposer>().Select(c => c.Channel).Order(StringComparer.Ordinal);

        // Assert
        Assert.Equal(["bluesky", "facebook", "mastodon", "outbox", "telegram", "webhook", "x"], channels);
    }

    [Fact]
    public void AddPosts_SeedWithoutUrl_EveryChannelComposesWithinItsLimitAndWithoutLink()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var article = SeedArticle.Create();
        var summary = provider.GetRequiredService<ISummarizer>().Summarize(article);

        // Act
        var drafts = provider.GetServices<IPostComposer>().Select(c => c.Compose(article, summary)).ToList();

        // Assert
        Assert.All(drafts, d =>
        {
            Assert.InRange(d.Length, 1, d.Limit);
            Assert.Null(d.Link);
            Assert.Equal("fr", d.Language);
            Assert.Equal(SeedArticle.Title, d.Title);
            Assert.DoesNotContain("http", d.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void AddPosts_TemplateWithUnknownPlaceholder_FailsValidationNamingTheKey()
    {
        // Arrange
        using var provider = PostsTestHost.Create(new Dictionary<string, string?> { ["Posts:Channels:x:Template"] = "{title} {author} {url}" });

        // Act
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<PostsOptions>>().Value);

        // Assert
        Assert.Equal("Posts:Channels:x:Template: unknown placeholder '{author}' (known: {title}, {summary}, {url}, {hashtags}).", error.Message);
    }

    [Fact]
    public void AddPosts_ChannelLimitChangedAtRunTime_ComposerUsesTheNewLimit()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var article = SeedArticle.Create();
        var summary = provider.GetRequiredService<ISummarizer>().Summarize(article);
        provider.GetRequiredService<ChannelLimits>().SetLimit("mastodon", 200);

        // Act
        var draft = provider.Composer("mastodon").Compose(article, summary);

        // Assert
        Assert.Equal(200, draft.Limit);
        Assert.InRange(draft.Length, 1, 200);
    }
}
