using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class HashtagFormatterTests
{
    [Fact]
    public void Format_Tags_MakesCamelCaseHashtagsWithoutDuplicates()
    {
        // Arrange
        string[] tags = ["sécurité nationale", "Maroc", "#maroc", "Coupe du monde 2030", "---", "中国"];

        // Act
        var hashtags = HashtagFormatter.Format(tags, max: 10);

        // Assert
        Assert.Equal(["#sécuritéNationale", "#Maroc", "#CoupeDuMonde2030", "#中国"], hashtags);
    }

    [Fact]
    public void Format_MoreTagsThanMax_KeepsTheFirst()
    {
        // Arrange // Act
        var hashtags = HashtagFormatter.Format(["a1", "b2", "c3"], max: 2);

        // Assert
        Assert.Equal(["#a1", "#b2"], hashtags);
    }

    [Fact]
    public void ToHashtag_DigitsOnly_IsNotAHashtag()
    {
        // Arrange // Act
        string? hashtag = HashtagFormatter.ToHashtag("2030");

        // Assert
        Assert.Null(hashtag);
    }
}
