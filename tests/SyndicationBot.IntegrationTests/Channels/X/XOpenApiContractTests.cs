using SyndicationBot.Channels;
using SyndicationBot.Channels.X;
using SyndicationBot.IntegrationTests.Contract;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Contract;
using Xunit;

namespace SyndicationBot.IntegrationTests.Channels.X;

[Collection(PrismCollection.Name)]
public sealed class XOpenApiContractTests(PrismContractMock prism)
{
    [Fact]
    public async Task PublishAsync_AgainstPublishedOpenApiSpec_NoRequestViolation()
    {
        // Arrange
        var mock = await prism.GetAsync("x");
        var before = mock.LogLines().Length;
        await using var host = ChannelTestHost.Create(
            [
                new("Channels:X:Enabled", "true"),
                new("Channels:X:BaseUrl", mock.BaseAddress.ToString()),
                new("Channels:X:ConsumerKey", "ck"),
                new("Channels:X:ConsumerSecret", "cs"),
                new("Channels:X:AccessToken", "at"),
                new("Channels:X:AccessTokenSecret", "ats"),
            ],
            services => services.AddXChannel());
        var draft = new PostDraft("x", "Contract check https://example.com/a", 37, 280) with { ThreadReplies = [new PostDraft("x", "A reply in the thread", 21, 280)] };

        // Act
        var result = await host.Get<XChannel>().PublishAsync(new OutgoingPost(1, "contract:x", 1, draft), CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Matches("^[0-9]{1,19}$", published.RemoteId);
        var log = mock.LogLines()[before..];
        Assert.Equal(2, log.Count(l => l.Contains("[HTTP SERVER] post /2/tweets", StringComparison.Ordinal)));
        Assert.Empty(mock.RequestViolations());
    }
}
