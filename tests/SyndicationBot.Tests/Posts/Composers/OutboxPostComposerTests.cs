using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class OutboxPostComposerTests
{
    [Fact]
    public void Compose_LongSummary_KeepsTheFullTextUncut()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("outbox");
        string[] sentences = [.. Enumerable.Range(1, 40).Select(i => $"Phrase numéro {i} qui reste entière.")];

        // Act
        var draft = target.Compose(ComposerTestData.Short("Titre", string.Join(' ', sentences), ComposerTestData.Link), new Summary(sentences));

        // Assert
        Assert.Equal("Titre\n\n" + string.Join(' ', sentences) + "\n\n" + ComposerTestData.Link.AbsoluteUri, draft.Text);
        Assert.DoesNotContain("…", draft.Text, StringComparison.Ordinal);
    }
}
