using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class TelegramHtmlRendererTests
{
    [Fact]
    public void Render_MarkupCharactersInText_EscapesThemAndBoldsTheTitle()
    {
        // Arrange
        List<PostPiece> pieces =
        [
            new(TemplateField.Title, "AT&T <rachète> \"Time\""),
            new(TemplateField.Literal, "\n\n"),
            new(TemplateField.Summary, "1 < 2 & 3 > 2"),
            new(TemplateField.Literal, "\n\n"),
            new(TemplateField.Url, "https://a.ma/?q=\"x\"&y=<1>"),
        ];

        // Act
        string html = TelegramHtmlRenderer.Render(pieces);

        // Assert
        Assert.Equal(
            "<b>AT&amp;T &lt;rachète&gt; \"Time\"</b>\n\n1 &lt; 2 &amp; 3 &gt; 2\n\n"
            + "<a href=\"https://a.ma/?q=&quot;x&quot;&amp;y=&lt;1&gt;\">https://a.ma/?q=\"x\"&amp;y=&lt;1&gt;</a>",
            html);
    }
}
