using SyndicationBot.Channels;
using Xunit;
using static SyndicationBot.Tests.Channels.Telegram.TelegramTestPosts;

namespace SyndicationBot.Tests.Channels.Telegram;

/// <summary>Telegram retractions on the local Bot API: delete within 48 hours of sending, a retraction note after.</summary>
public sealed class TelegramChannelRetractTests : IAsyncLifetime
{
    private const string Token = "7012345678:AAH-contractTokenForTests_0123456789";
    private const string Chat = "@" + TelegramContractServer.ChannelUsername;
    private TelegramContractServer server = null!;

    public async Task InitializeAsync() => server = await TelegramContractServer.StartAsync(Token);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task RetractAsync_WithinTwoDays_DeletesTheMessage()
    {
        // Arrange
        using var host = new TelegramTestHost(server.BaseUrl, Token, Chat);
        server.Time = host.Time;
        var published = Assert.IsType<PublishResult.Published>(await host.Channel.PublishAsync(Post(Draft("<b>Council</b> votes")), CancellationToken.None));
        host.Time.Advance(TimeSpan.FromHours(47));

        // Act
        var result = await host.Channel.RetractAsync(Request(published, host.Time.GetUtcNow() - TimeSpan.FromHours(47)), CancellationToken.None);

        // Assert
        Assert.True(result is RetractResult.Deleted, result.ToString());
        Assert.Empty(server.Held);
        Assert.Single(server.Deleted);
    }

    [Fact]
    public async Task RetractAsync_AfterTwoDays_EditsTheMessageToARetractionNote()
    {
        // Arrange
        using var host = new TelegramTestHost(server.BaseUrl, Token, Chat);
        server.Time = host.Time;
        var published = Assert.IsType<PublishResult.Published>(await host.Channel.PublishAsync(Post(Draft("<b>Council</b> votes")), CancellationToken.None));
        host.Time.Advance(TimeSpan.FromDays(3));

        // Act
        var result = await host.Channel.RetractAsync(Request(published, host.Time.GetUtcNow() - TimeSpan.FromDays(3), "withdrawn <by the desk>"), CancellationToken.None);

        // Assert
        Assert.IsType<RetractResult.Corrected>(result);
        Assert.Equal("<b>Retracted</b>: withdrawn &lt;by the desk&gt;", Assert.Single(server.Held).Value.Text);
        Assert.Empty(server.Deleted);
    }

    [Fact]
    public async Task RetractAsync_OurClockSaysWithinButTelegramRefusesTheDelete_FallsBackToTheNote()
    {
        // Arrange: the ledger's time of publication is later than Telegram's.
        using var host = new TelegramTestHost(server.BaseUrl, Token, Chat);
        server.Time = host.Time;
        var published = Assert.IsType<PublishResult.Published>(await host.Channel.PublishAsync(Post(Draft("Story")), CancellationToken.None));
        host.Time.Advance(TimeSpan.FromHours(49));

        // Act
        var result = await host.Channel.RetractAsync(Request(published, host.Time.GetUtcNow() - TimeSpan.FromHours(1)), CancellationToken.None);

        // Assert
        Assert.IsType<RetractResult.Corrected>(result);
        Assert.StartsWith("<b>Retracted</b>", Assert.Single(server.Held).Value.Text, StringComparison.Ordinal);
    }

    private static RetractRequest Request(PublishResult.Published published, DateTimeOffset publishedAt, string reason = "withdrawn") =>
        new(17, "article-17:telegram", published.RemoteId, published.Url, publishedAt, Draft("Story"), reason);
}
