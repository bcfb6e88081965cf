using SyndicationBot.Articles;
using Xunit;

namespace SyndicationBot.Tests.Articles.Text;

public sealed class UrlCanonicalizerTests
{
    [Theory]
    [InlineData("https://example.com/a?utm_source=x&utm_medium=y&utm_campaign=z", "https://example.com/a")]
    [InlineData("https://example.com/a?id=7&fbclid=IwAR&gclid=1&mc_cid=2&mc_eid=3", "https://example.com/a?id=7")]
    [InlineData("https://Example.COM:443/a/b#comments", "https://example.com/a/b")]
    [InlineData("http://example.com/a?page=2&UTM_Source=x", "http://example.com/a?page=2")]
    [InlineData("<https://example.com/story>", "https://example.com/story")]
    public void TryCanonicalize_TrackedUrl_RemovesTrackingAndFragment(string input, string expected)
    {
        // Act
        var url = UrlCanonicalizer.TryCanonicalize(input);

        // Assert
        Assert.Equal(expected, url?.AbsoluteUri);
    }

    [Theory]
    [InlineData("ftp://example.com/a")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/relative/only")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public void TryCanonicalize_NotAnAbsoluteHttpUrl_ReturnsNull(string input)
    {
        // Act
        var url = UrlCanonicalizer.TryCanonicalize(input);

        // Assert
        Assert.Null(url);
    }

    [Fact]
    public void TryCanonicalize_RelativeWithBase_ResolvesAgainstSite()
    {
        // Act
        var url = UrlCanonicalizer.TryCanonicalize("../news/story?utm_source=rss", new Uri("https://example.com/feeds/main.xml"));

        // Assert
        Assert.Equal("https://example.com/news/story", url?.AbsoluteUri);
    }
}
