using SyndicationBot.Channels;
using SyndicationBot.Channels.Mastodon;
using SyndicationBot.IntegrationTests.Contract;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Contract;
using Xunit;

namespace SyndicationBot.IntegrationTests.Channels.Mastodon;

[Collection(PrismCollection.Name)]
public sealed class MastodonOpenApiContractTests(PrismContractMock prism)
{
    [Fact]
    public async Task PublishAsync_AgainstPublishedOpenApiSpec_NoRequestViolation()
    {
        // Arrange
        var mock = await prism.GetAsync("mastodon");
        var before = mock.LogLines().Length;
        await using var host = ChannelTestHost.Create(
            [
                new("Channels:Mastodon:Enabled", "true"),
                new("Channels:Mastodon:BaseUrl", mock.BaseAddress.ToString()),
                new("Channels:Mastodon:AccessToken", "token"),
                new("Channels:Mastodon:Visibility", "unlisted"),
            ],
            services => services.AddMastodonChannel());
        var draft = new PostDraft("mastodon", "Contract check https://example.com/a", 37, 500) { Language = "fr", ThreadReplies = [new PostDraft("mastodon", "Reply", 5, 500)] };

        // Act
        var result = await host.Get<MastodonChannel>().PublishAsync(new OutgoingPost(1, "contract:mastodon", 1, draft), CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.False(string.IsNullOrEmpty(published.RemoteId));
        var log = mock.LogLines()[before..];
        Assert.Contains(log, l => l.Contains("[HTTP SERVER] get /api/v2/instance", StringComparison.Ordinal));
        Assert.Equal(2, log.Count(l => l.Contains("[HTTP SERVER] post /api/v1/statuses", StringComparison.Ordinal)));
        Assert.Empty(mock.RequestViolations());
    }
}
