using Microsoft.Extensions.DependencyInjection;
using SyndicationBot.Posts;
using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class MastodonPostComposerTests
{
    [Fact]
    public void Compose_SeedWithLink_KeepsWholeSentencesWithin500()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("mastodon");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link, ["Maroc"]), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal(
            ComposerTestData.Seed().Title + "\n\n" + ComposerTestData.SeedSummary.Sentences[0] + "\n\n" + ComposerTestData.Link.AbsoluteUri + "\n\n#Maroc",
            draft.Text);
        Assert.Equal(59 + 2 + ComposerTestData.SeedSummary.Sentences[0].Length + 2 + 23 + 2 + 6, draft.Length);
        Assert.Equal(500, draft.Limit);
    }

    [Fact]
    public void Compose_InstanceAllowsMore_UsesTheLargerLimit()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        provider.GetRequiredService<ChannelLimits>().SetLimit("mastodon", 5000);
        var target = provider.Composer("mastodon");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal(5000, draft.Limit);
        Assert.Contains(ComposerTestData.SeedSummary.Text, draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ArticleWithoutLink_HasNoLinkLine()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("mastodon");

        // Act
        var draft = target.Compose(ComposerTestData.Short("Titre", "Une phrase."), new Summary(["Une phrase."]));

        // Assert
        Assert.Equal("Titre\n\nUne phrase.", draft.Text);
        Assert.Null(draft.Link);
    }
}
