using System.Globalization;
using SyndicationBot.Channels;
using SyndicationBot.Posts;
using Xunit;

namespace SyndicationBot.Tests.Channels.Facebook;

/// <summary><see cref="Channels.Facebook.FacebookChannel.LookupAsync"/> against the local Graph API: the Page's posts since the post fell due.</summary>
public sealed class FacebookChannelLookupTests : IAsyncLifetime
{
    private const string PageToken = "EAAGm0PX4ZCpsBAContractPageToken0123456789abcdef";
    private const string AppSecret = "5f0c1b2a3d4e5f60718293a4b5c6d7e8";
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 9, 26, 53, TimeSpan.Zero);
    private FacebookContractServer server = null!;

    public async Task InitializeAsync() => server = await FacebookContractServer.StartAsync(PageToken, AppSecret);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task LookupAsync_PostLandedBehindOthers_FoundOnTheSecondPageWithItsPermalink()
    {
        // Arrange: ours, then 120 later posts of the Page.
        using var host = CreateHost();
        var ours = Post(1, "Élections : les résultats du second tour.");
        var published = Assert.IsType<PublishResult.Published>(await host.Channel.PublishAsync(ours, CancellationToken.None));
        for (var i = 0; i < 120; i++)
        {
            await host.Channel.PublishAsync(Post(100 + i, string.Create(CultureInfo.InvariantCulture, $"Later story {i}")), CancellationToken.None);
        }

        // Act
        var result = await host.Channel.LookupAsync(ours, CancellationToken.None);

        // Assert
        var found = Assert.IsType<LookupResult.Found>(result);
        Assert.Equal(published.RemoteId, found.Post.RemoteId);
        Assert.Equal(new Uri("https://www.facebook.com/1647395831/1"), found.Post.Url);
        Assert.Equal(2, server.LookupRequests);
        Assert.DoesNotContain(server.RequestTargets, target => target.Contains(PageToken, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LookupAsync_NotOnThePage_NotFound()
    {
        // Arrange
        using var host = CreateHost();
        await host.Channel.PublishAsync(Post(2, "Another story"), CancellationToken.None);

        // Act
        var result = await host.Channel.LookupAsync(Post(3, "Ours, never sent"), CancellationToken.None);

        // Assert
        Assert.IsType<LookupResult.NotFound>(result);
    }

    [Fact]
    public async Task LookupAsync_PageThrottled_UnavailableUntilAccessIsRegained()
    {
        // Arrange
        using var host = CreateHost();
        server.RegainAccessMinutes = 12;
        server.ReadFaults.Enqueue(32);

        // Act
        var result = await host.Channel.LookupAsync(Post(4, "Anything"), CancellationToken.None);

        // Assert
        var unavailable = Assert.IsType<LookupResult.Unavailable>(result);
        Assert.Equal(Start.AddMinutes(12), unavailable.NotBefore);
    }

    [Fact]
    public async Task LookupAsync_TokenRevoked_UnavailableNotNotFound()
    {
        // Arrange
        using var host = CreateHost();
        server.PageToken = "a-new-token";

        // Act
        var result = await host.Channel.LookupAsync(Post(5, "Anything"), CancellationToken.None);

        // Assert
        Assert.IsType<LookupResult.Unavailable>(result);
    }

    private FacebookTestHost CreateHost() => new(server.BaseUrl, PageToken, AppSecret);

    private static OutgoingPost Post(long id, string text) =>
        new(id, $"article-{id}:facebook", 1, new PostDraft("facebook", text, text.Length, 63206), Start);
}
