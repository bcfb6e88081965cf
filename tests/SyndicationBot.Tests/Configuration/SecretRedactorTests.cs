using Microsoft.Extensions.Configuration;
using SyndicationBot.Configuration;
using Xunit;

namespace SyndicationBot.Tests.Configuration;

public sealed class SecretRedactorTests
{
    [Fact]
    public void FromConfiguration_SecretsOfNamedAccounts_AreMaskedLikeTheNetworksOwn()
    {
        // Arrange
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Channels:x-fr:Network"] = "x",
            ["Channels:x-fr:AccessToken"] = "fr-access-token-0123",
            ["Channels:discord:Network"] = "webhook",
            ["Channels:discord:Url"] = "https://discord.example/api/webhooks/42/discord-hook-token",
            ["Channels:notes:Url"] = "https://public.example/page",
        }).Build();
        var target = SecretRedactor.FromConfiguration(configuration, secretsDirectory: null);

        // Act
        var redacted = target.Redact("token fr-access-token-0123, hook https://discord.example/api/webhooks/42/discord-hook-token, page https://public.example/page");

        // Assert
        Assert.Equal("token ***, hook ***, page https://public.example/page", redacted);
    }
}
