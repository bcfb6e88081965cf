using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Tests.Channels.Bluesky;
using Xunit;

namespace SyndicationBot.IntegrationTests.Hostile;

/// <summary>
/// A link card's image URL comes from the article page: a page naming an image on this machine must not make
/// the bot fetch it (and upload it to Bluesky for all to see).
/// </summary>
public sealed class ThumbnailEgressTests : IAsyncLifetime
{
    private const string AppPassword = "abcd-efgh-ijkl-mnop";
    private BlueskyContractServer? server;

    private BlueskyContractServer Server => server!;

    public async Task InitializeAsync() => server = await BlueskyContractServer.StartAsync(AppPassword);

    public async Task DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task PublishAsync_ThumbOnThisMachine_CardGoesOutWithoutItAndNoImageIsUploaded()
    {
        // Arrange: the network's own endpoint is the operator's (trusted); the image is the page's (not).
        using var host = new BlueskyTestHost(Server.BaseUrl, BlueskyContractServer.Handle, AppPassword, allowPrivateAddresses: false);
        var post = BlueskyTestPosts.Post("thumb-ssrf", BlueskyTestPosts.Draft("Picture news https://example.org/p", "en", Server.ImageUrl("ok.png")));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Empty(Server.Blobs);
        Assert.Null(Server.Records[BlueskyRecordKey.Derive("thumb-ssrf")]["embed"]!["external"]!["thumb"]);
        var skipped = Assert.Single(host.Logs.GetSnapshot(), r => r.Message.Contains("without thumbnail", StringComparison.Ordinal)).Message;
        Assert.Contains("loopback", skipped, StringComparison.Ordinal);
    }
}
