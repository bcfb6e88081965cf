using SyndicationBot.Channels.Facebook;
using Xunit;

namespace SyndicationBot.Tests.Channels.Facebook;

public sealed class FacebookAppSecretProofTests
{
    [Fact]
    public void Compute_CheckValueFromPlatformsSheet_ReproducesIt()
    {
        // Act
        var proof = FacebookAppSecretProof.Compute(appSecret: "app_secret", accessToken: "access_token");

        // Assert
        Assert.Equal("d52ddf968d622d8af8677906b7fbae09ac1f89f7cd5c1584b27544624cc23e5a", proof);
    }

    [Fact]
    public void Compute_KeyAndMessageSwapped_GivesADifferentProof()
    {
        // Act
        var swapped = FacebookAppSecretProof.Compute(appSecret: "access_token", accessToken: "app_secret");

        // Assert
        Assert.NotEqual("d52ddf968d622d8af8677906b7fbae09ac1f89f7cd5c1584b27544624cc23e5a", swapped);
    }
}
