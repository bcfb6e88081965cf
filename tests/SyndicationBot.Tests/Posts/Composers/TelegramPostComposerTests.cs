using SyndicationBot.Summaries;
using Xunit;

namespace SyndicationBot.Tests.Posts.Composers;

public sealed class TelegramPostComposerTests
{
    [Fact]
    public void Compose_MarkupInArticleText_RendersAsEscapedPlainText()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("telegram");
        var article = ComposerTestData.Short("AT&T <b>rachète</b> \"Time\"", "Le prix : 1 < 2 & 3 > 2.", new Uri("https://a.ma/p?a=1&b=\"2\""));

        // Act
        var draft = target.Compose(article, new Summary(["Le prix : 1 < 2 & 3 > 2."]));

        // Assert
        Assert.Equal(
            "<b>AT&amp;T &lt;b&gt;rachète&lt;/b&gt; \"Time\"</b>\n\nLe prix : 1 &lt; 2 &amp; 3 &gt; 2.\n\n"
            + "<a href=\"https://a.ma/p?a=1&amp;b=%222%22\">https://a.ma/p?a=1&amp;b=%222%22</a>",
            draft.Text);
        Assert.Equal(ComposerPropertyTests.TelegramVisible(draft.Text).Length, draft.Length);
        Assert.Equal(4096, draft.Limit);
    }

    [Fact]
    public void Compose_Handle_NotDefusedByDefault()
    {
        // Arrange
        using var provider = PostsTestHost.Create();
        var target = provider.Composer("telegram");

        // Act
        var draft = target.Compose(ComposerTestData.Short("T", "Selon @DGSN, oui."), new Summary(["Selon @DGSN, oui."]));

        // Assert
        Assert.Equal("<b>T</b>\n\nSelon @DGSN, oui.", draft.Text);
    }
}
