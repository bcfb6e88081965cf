using SyndicationBot.Channels;
using SyndicationBot.Tests.Channels.Telegram;
using Xunit;
using static SyndicationBot.Tests.Channels.Telegram.TelegramTestPosts;

namespace SyndicationBot.IntegrationTests.Channels.Telegram;

/// <summary>
/// The Telegram client's own HTTP time-out is real time (HttpClient.Timeout has no TimeProvider), so this test waits
/// for it on the machine's clock; the rest of the Telegram tests are unit tests on the fake clock.
/// </summary>
public sealed class TelegramChannelTimeoutTests : IAsyncLifetime
{
    private const string Token = "7012345678:AAH-contractTokenForTests_0123456789";
    private TelegramContractServer server = null!;

    public async Task InitializeAsync() => server = await TelegramContractServer.StartAsync(Token);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task PublishAsync_NoAnswerBeforeTheClientTimeout_ReturnsUnknown()
    {
        // Arrange
        using var host = new TelegramTestHost(server.BaseUrl, Token, "@" + TelegramContractServer.ChannelUsername, httpTimeout: TimeSpan.FromMilliseconds(300));
        server.Hang = true;

        // Act
        var result = await host.Channel.PublishAsync(Post(Draft("Slow")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Unknown>(result);
    }
}
