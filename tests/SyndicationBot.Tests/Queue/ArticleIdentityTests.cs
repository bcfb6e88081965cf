using SyndicationBot.Queue;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Queue;

/// <summary>The keys that tell one story from another, whatever adapter stores them.</summary>
public sealed class ArticleIdentityTests
{
    private const string Url = "https://news.example.com/storm";

    [Fact]
    public void Identity_ItemOfAMultiArticleInputWithoutLinkOrGuid_HasNone()
    {
        // Arrange
        var withoutLink = TestArticles.Create("Storm closes port");
        var withGuid = withoutLink with { FeedGuid = "item-7" };

        // Act / Assert
        Assert.Null(ArticleIdentity.Identity(withoutLink, bySource: false));
        Assert.Equal("source:" + withoutLink.Source, ArticleIdentity.Identity(withoutLink, bySource: true));
        Assert.Equal("guid:" + withoutLink.Source + "\n" + "item-7", ArticleIdentity.Identity(withGuid, bySource: false));
        Assert.Equal("url:" + Url, ArticleIdentity.Identity(TestArticles.Create("x", Url), bySource: false));
    }
}
