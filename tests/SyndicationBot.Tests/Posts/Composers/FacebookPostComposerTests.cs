using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class FacebookPostComposerTests
{
    [Fact]
    public void Compose_SeedWithLink_MessageHoldsTheSummaryAndTheLinkTravelsApart()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("facebook");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal(ComposerTestData.Seed().Title + "\n\n" + ComposerTestData.SeedSummary.Text, draft.Text);
        Assert.Equal(ComposerTestData.Link, draft.Link);
        Assert.Equal(draft.Text.Length, draft.Length);
        Assert.Equal(63206, draft.Limit);
    }
}
