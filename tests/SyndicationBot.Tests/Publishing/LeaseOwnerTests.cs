using SyndicationBot.Publishing;
using Xunit;

namespace SyndicationBot.Tests.Publishing;

public sealed class LeaseOwnerTests
{
    private const string Nonce = "0123456789abcdef0123456789abcdef";

    [Fact]
    public void TryParse_WhatThisBuildWrites_RoundTrips()
    {
        // Arrange
        var owner = LeaseOwner.ForThisProcess();

        // Act
        var parsed = LeaseOwner.TryParse(owner.ToString(), out var read);

        // Assert
        Assert.True(parsed);
        Assert.Equal(owner, read);
        Assert.Equal(Environment.ProcessId, read!.ProcessId);
        Assert.True(read.IsOnThisMachine);
    }

    [Fact]
    public void ForThisProcess_TwoRuns_AreDifferentOwners()
    {
        // Act
        var first = LeaseOwner.ForThisProcess();
        var second = LeaseOwner.ForThisProcess();

        // Assert
        Assert.NotEqual(first, second);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("test")]
    [InlineData("dead-process")]
    [InlineData("/42/" + Nonce)]
    [InlineData("host/-42/" + Nonce)]
    [InlineData("host/4x2/" + Nonce)]
    [InlineData("host/42/0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("host/42/0123456789abcdef")]
    [InlineData("host/42/" + Nonce + "/extra")]
    [InlineData("host/99999999999/" + Nonce)]
    public void TryParse_AnyOtherOwnerText_IsNotALeaseOwner(string? text)
    {
        // Act
        var parsed = LeaseOwner.TryParse(text, out var owner);

        // Assert
        Assert.False(parsed);
        Assert.Null(owner);
    }
}
