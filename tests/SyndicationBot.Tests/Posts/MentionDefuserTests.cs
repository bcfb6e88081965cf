using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class MentionDefuserTests
{
    [Theory]
    [InlineData("Selon @DGSN_Maroc, la réunion", "Selon @\u2060DGSN_Maroc, la réunion")]
    [InlineData("@jack a dit", "@\u2060jack a dit")]
    [InlineData("(@user)", "(@\u2060user)")]
    public void Defuse_Handle_InsertsWordJoinerAfterTheAt(string text, string expected)
    {
        // Arrange // Act
        string defused = MentionDefuser.Defuse(text);

        // Assert
        Assert.Equal(expected, defused);
    }

    [Theory]
    [InlineData("écrire à contact@lemonde.fr")]
    [InlineData("voir https://mastodon.social/@Gargron maintenant")]
    [InlineData("rendez-vous @ 18 h")]
    [InlineData("sans arobase")]
    public void Defuse_NoHandle_LeavesTextUnchanged(string text)
    {
        // Arrange // Act
        string defused = MentionDefuser.Defuse(text);

        // Assert
        Assert.Equal(text, defused);
    }
}
