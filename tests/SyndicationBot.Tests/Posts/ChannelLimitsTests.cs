using SyndicationBot.Channels;
using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Posts;

public sealed class ChannelLimitsTests
{
    [Theory]
    [InlineData("x", 280)]
    [InlineData("mastodon", 500)]
    [InlineData("bluesky", 300)]
    [InlineData("telegram", 4096)]
    [InlineData("facebook", 63206)]
    [InlineData("outbox", int.MaxValue)]
    public void GetLimit_Defaults_AreEachNetworksLimit(string channel, int expected)
    {
        // Arrange
        var target = new ChannelLimits(Networks.All.Select(n => n.Post));

        // Act
        int limit = target.GetLimit(channel);

        // Assert
        Assert.Equal(expected, limit);
    }

    [Fact]
    public void SetLimit_InstanceLimit_ReplacesTheDefault()
    {
        // Arrange
        var target = new ChannelLimits(Networks.All.Select(n => n.Post));

        // Act
        target.SetLimit("Mastodon", 5000);

        // Assert
        Assert.Equal(5000, target.GetLimit("mastodon"));
    }

    [Fact]
    public void SetLimit_Zero_IsRejected()
    {
        // Arrange
        var target = new ChannelLimits(Networks.All.Select(n => n.Post));

        // Act // Assert
        Assert.Throws<ArgumentOutOfRangeException>(() => target.SetLimit("mastodon", 0));
    }
}
