using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class PostTemplateTests
{
    [Fact]
    public void Layout_AllValues_FollowsTheTemplate()
    {
        // Arrange
        var template = PostTemplate.Parse("{title}\n\n{summary}\n\n{url} {hashtags}");

        // Act
        string text = PostTemplate.ToPlainText(template.Layout("T", "S.", "https://a.ma/x", "#A #B"));

        // Assert
        Assert.Equal("T\n\nS.\n\nhttps://a.ma/x #A #B", text);
    }

    [Fact]
    public void Layout_NoUrlNoHashtags_LeavesNoDanglingSpace()
    {
        // Arrange
        var template = PostTemplate.Parse("{title}\n\n{summary}\n\n{url} {hashtags}");

        // Act
        string text = PostTemplate.ToPlainText(template.Layout("T", "S.", string.Empty, string.Empty));

        // Assert
        Assert.Equal("T\n\nS.", text);
    }

    [Fact]
    public void Layout_NoSummary_CollapsesBlankLines()
    {
        // Arrange
        var template = PostTemplate.Parse("{title}\n\n{summary}\n\n{url}");

        // Act
        string text = PostTemplate.ToPlainText(template.Layout("T", string.Empty, "https://a.ma", string.Empty));

        // Assert
        Assert.Equal("T\n\nhttps://a.ma", text);
    }

    [Fact]
    public void Layout_LiteralTextAndBraces_KeepsThem()
    {
        // Arrange
        var template = PostTemplate.Parse("{{Info}} {title} — lire : {url}");

        // Act
        string text = PostTemplate.ToPlainText(template.Layout("T", string.Empty, "https://a.ma", string.Empty));

        // Assert
        Assert.Equal("{Info} T — lire : https://a.ma", text);
    }

    [Theory]
    [InlineData("{title} {author}", "unknown placeholder '{author}' (known: {title}, {summary}, {url}, {hashtags})")]
    [InlineData("{title", "the '{' at position 0 is never closed")]
    [InlineData("title}", "a '}' at position 5 closes no placeholder (write '}}' for a literal brace)")]
    public void TryParse_BadTemplate_ExplainsTheError(string template, string expected)
    {
        // Arrange // Act
        bool parsed = PostTemplate.TryParse(template, out _, out string? error);

        // Assert
        Assert.False(parsed);
        Assert.Equal(expected, error);
    }
}
