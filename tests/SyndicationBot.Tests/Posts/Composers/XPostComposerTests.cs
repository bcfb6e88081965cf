using SyndicationBot.Posts;
using SyndicationBot.Posts.Text;
using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class XPostComposerTests
{
    [Fact]
    public void Compose_SeedWithLink_FitsIn280WeightedWithTheLinkWhole()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("x");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal(280, draft.Limit);
        Assert.Equal(TwitterText.WeightedLength(draft.Text), draft.Length);
        Assert.InRange(draft.Length, 200, 280);
        Assert.StartsWith("Hammouchi et la Chine renforcent le partenariat sécuritaire\n\nLe directeur général", draft.Text, StringComparison.Ordinal);
        Assert.EndsWith("…\n\n" + ComposerTestData.Link.AbsoluteUri, draft.Text, StringComparison.Ordinal);
        Assert.Equal(ComposerTestData.Link, draft.Link);
    }

    [Fact]
    public void Compose_ShortArticle_KeepsHashtagsAfterTheLink()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("x");
        var article = ComposerTestData.Short("Record au port", "Le port a traité 9 millions de conteneurs.", new Uri("https://a.ma/p"), tags: ["Maroc", "ports"]);

        // Act
        var draft = target.Compose(article, new Summary(["Le port a traité 9 millions de conteneurs."]));

        // Assert
        Assert.Equal("Record au port\n\nLe port a traité 9 millions de conteneurs.\n\nhttps://a.ma/p #Maroc #ports", draft.Text);
        Assert.Equal(14 + 2 + 42 + 2 + 23 + 14, draft.Length);
    }

    [Fact]
    public void Compose_HandleInSummary_DefusedByDefault()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("x");
        var article = ComposerTestData.Short("Annonce", "Selon @DGSN_Maroc, tout va bien.");

        // Act
        var draft = target.Compose(article, new Summary(["Selon @DGSN_Maroc, tout va bien."]));

        // Assert
        Assert.Contains("@\u2060DGSN_Maroc", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_DefusingTurnedOff_KeepsTheHandle()
    {
        // Arrange
        using var provider = PostsTestHost.Create(new Dictionary<string, string?> { ["Posts:Channels:x:DefuseMentions"] = "false" });
        var target = provider.Composer("x");
        var article = ComposerTestData.Short("Annonce", "Selon @DGSN_Maroc, tout va bien.");

        // Act
        var draft = target.Compose(article, new Summary(["Selon @DGSN_Maroc, tout va bien."]));

        // Assert
        Assert.Contains(" @DGSN_Maroc,", draft.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ThreadEnabled_NumbersEveryPartInsideTheRule()
    {
        // Arrange
        using var provider = PostsTestHost.Create(new Dictionary<string, string?> { ["Posts:Channels:x:Thread:Enabled"] = "true" });
        var target = provider.Composer("x");

        // Act
        var draft = target.Compose(ComposerTestData.Seed(ComposerTestData.Link), ComposerTestData.SeedSummary);

        // Assert
        Assert.Equal("Hammouchi et la Chine renforcent le partenariat sécuritaire\n\n" + ComposerTestData.Link.AbsoluteUri + "\n\n1/3", draft.Text);
        Assert.Equal(2, draft.ThreadReplies.Count);
        Assert.Equal(ComposerTestData.SeedSummary.Sentences[0] + "\n\n2/3", draft.ThreadReplies[0].Text);
        Assert.Equal(ComposerTestData.SeedSummary.Sentences[1] + "\n\n3/3", draft.ThreadReplies[1].Text);
        Assert.All(draft.ThreadReplies.Prepend(draft), p => Assert.InRange(TwitterText.WeightedLength(p.Text), 1, 280));
    }

    [Fact]
    public void Compose_ThreadEnabledButEverythingFits_SendsOnePost()
    {
        // Arrange
        using var provider = PostsTestHost.Create(new Dictionary<string, string?> { ["Posts:Channels:x:Thread:Enabled"] = "true" });
        var target = provider.Composer("x");
        var article = ComposerTestData.Short("Titre", "Une phrase.");

        // Act
        var draft = target.Compose(article, new Summary(["Une phrase."]));

        // Assert
        Assert.Equal("Titre\n\nUne phrase.", draft.Text);
        Assert.Empty(draft.ThreadReplies);
    }

    [Fact]
    public void Compose_CustomTemplate_UsesIt()
    {
        // Arrange
        using var provider = PostsTestHost.Create(new Dictionary<string, string?> { ["Posts:Channels:x:Template"] = "📰 {title} {url}" });
        var target = provider.Composer("x");
        var article = ComposerTestData.Short("Titre", "Une phrase.", new Uri("https://a.ma/p"));

        // Act
        var draft = target.Compose(article, new Summary(["Une phrase."]));

        // Assert
        Assert.Equal("📰 Titre https://a.ma/p", draft.Text);
        Assert.Equal(2 + 1 + 5 + 1 + 23, draft.Length);
    }
}
