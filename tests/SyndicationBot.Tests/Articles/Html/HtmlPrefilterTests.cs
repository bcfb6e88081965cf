using System.Text;
using SyndicationBot.Articles.Html;
using Xunit;

namespace SyndicationBot.Tests.Articles.Html;

public sealed class HtmlPrefilterTests
{
    [Fact]
    public void Strip_ScriptsStylesSvgAndComments_AreDroppedAndTextKept()
    {
        // Arrange
        var html = "<html><head><STYLE>p{color:red}</style><script type=\"x\">var a = '</p>';</Script></head>"
            + "<body><!-- <p>hidden</p> --><svg><path d=\"M0\"/></svg><p>Le texte reste.</p><scripted>kept</scripted></body></html>";

        // Act
        var stripped = Encoding.UTF8.GetString(HtmlPrefilter.Strip(Encoding.UTF8.GetBytes(html), 1024));

        // Assert
        Assert.Equal("<html><head></head><body><p>Le texte reste.</p><scripted>kept</scripted></body></html>", stripped);
    }

    [Fact]
    public void Strip_OverTheLimit_CutsAtATagBoundaryWithinTheLimit()
    {
        // Arrange
        var builder = new StringBuilder("<body>");
        for (var i = 0; i < 1000; i++)
        {
            builder.Append("<p>Paragraphe numéro ").Append(i).Append("</p>");
        }

        var bytes = Encoding.UTF8.GetBytes(builder.ToString());

        // Act
        var stripped = HtmlPrefilter.Strip(bytes, 4096);

        // Assert
        Assert.InRange(stripped.Length, 3500, 4096);
        Assert.Equal((byte)'>', stripped[^1]);
        Assert.Equal(bytes.AsSpan(0, stripped.Length).ToArray(), stripped);
    }

    [Fact]
    public void Strip_UnclosedScript_DropsTheRestOfThePage()
    {
        // Arrange
        var html = "<p>Avant</p><script>var x = 1; <p>not text</p>";

        // Act
        var stripped = Encoding.UTF8.GetString(HtmlPrefilter.Strip(Encoding.UTF8.GetBytes(html), 1024));

        // Assert
        Assert.Equal("<p>Avant</p>", stripped);
    }
}
