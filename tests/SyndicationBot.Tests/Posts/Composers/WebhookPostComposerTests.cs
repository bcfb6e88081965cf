using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class WebhookPostComposerTests
{
    [Fact]
    public void Compose_Seed_TextIsTheSummaryWithTitleLinkAndLanguageAsFields()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("webhook");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal(ComposerTestData.SeedSummary.Text, draft.Text);
        Assert.Equal(ComposerTestData.Seed().Title, draft.Title);
        Assert.Equal(ComposerTestData.Link, draft.Link);
        Assert.Equal("fr", draft.Language);
    }
}
