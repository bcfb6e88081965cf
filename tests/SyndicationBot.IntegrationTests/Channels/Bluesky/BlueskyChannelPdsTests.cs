using System.Text;
using System.Text.Json.Nodes;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Tests.Channels.Bluesky;
using Xunit;
using static SyndicationBot.Tests.Channels.Bluesky.BlueskyTestPosts;

namespace SyndicationBot.IntegrationTests.Channels.Bluesky;

/// <summary>The channel against the reference Bluesky PDS: posts really get stored, validated by the real lexicons, and read back.</summary>
public sealed class BlueskyChannelPdsTests(BlueskyPdsFixture pds) : IClassFixture<BlueskyPdsFixture>, IAsyncLifetime
{
    private BlueskyContractServer images = null!;

    public async Task InitializeAsync() => images = await BlueskyContractServer.StartAsync("unused");

    public async Task DisposeAsync() => await images.DisposeAsync();

    [Fact]
    public async Task PublishAsync_OnReferencePds_StoredRecordHasTextLangsFacetsAndLinkCard()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        var text = "Nouvel article : les élections 🇫🇷 👨‍❤️‍👨 #municipales https://example.com/articles/élections-2026";
        var post = Post("pds-article-1:bluesky", Draft(text, "fr", images.ImageUrl("ok.png")));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        var rkey = BlueskyRecordKey.Derive("pds-article-1:bluesky");
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Equal($"at://{pds.Did}/app.bsky.feed.post/{rkey}", published.RemoteId);
        Assert.Equal(new Uri($"https://bsky.app/profile/{pds.Did}/post/{rkey}"), published.Url);
        var stored = (await pds.GetRecordAsync(rkey))["value"]!;
        var storedText = stored["text"]!.GetValue<string>();
        Assert.Equal(text, storedText);
        Assert.Equal("2026-03-14T09:26:53.589Z", stored["createdAt"]!.GetValue<string>());
        Assert.Equal(["fr"], stored["langs"]!.AsArray().Select(l => l!.GetValue<string>()));
        var facets = stored["facets"]!.AsArray();
        Assert.Equal(2, facets.Count);
        Assert.Equal("#municipales", Slice(storedText, facets[0]!));
        Assert.Equal("municipales", facets[0]!["features"]![0]!["tag"]!.GetValue<string>());
        Assert.Equal("https://example.com/articles/élections-2026", Slice(storedText, facets[1]!));
        Assert.Equal(Encoding.UTF8.GetByteCount(storedText), facets[1]!["index"]!["byteEnd"]!.GetValue<int>());
        Assert.Equal("app.bsky.richtext.facet#link", facets[1]!["features"]![0]!["$type"]!.GetValue<string>());
        Assert.Equal(new Uri("https://example.com/articles/élections-2026").AbsoluteUri, facets[1]!["features"]![0]!["uri"]!.GetValue<string>());
        var embed = stored["embed"]!;
        Assert.Equal("app.bsky.embed.external", embed["$type"]!.GetValue<string>());
        Assert.Equal(new Uri("https://example.com/articles/élections-2026").AbsoluteUri, embed["external"]!["uri"]!.GetValue<string>());
        Assert.Equal("Élection à Paris", embed["external"]!["title"]!.GetValue<string>());
        Assert.Equal("Les résultats du second tour.", embed["external"]!["description"]!.GetValue<string>());
        var thumb = embed["external"]!["thumb"]!;
        Assert.Equal("image/png", thumb["mimeType"]!.GetValue<string>());
        var stillServed = await pds.GetBlobAsync(thumb["ref"]!["$link"]!.GetValue<string>());
        using var http = new HttpClient();
        Assert.Equal(await http.GetByteArrayAsync(images.ImageUrl("ok.png")), stillServed);
    }

    [Fact]
    public async Task PublishAsync_SamePostTwiceOnReferencePds_AddsExactlyOnePost()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        var post = Post("pds-retry:bluesky", Draft("Sent twice, stored once https://example.com/retry", "en"));
        var before = await pds.CountPostsAsync();

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(first);
        Assert.Equal(first, second);
        Assert.Equal(before + 1, await pds.CountPostsAsync());
    }

    [Fact]
    public async Task PublishAsync_ThreadOnReferencePds_RepliesReferenceRootAndParentByUriAndCid()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        var post = Post("pds-thread:bluesky", Thread("Un fil en trois parties https://example.com/fil 1/3", "Deuxième partie, avec des accents 2/3", "Troisième et dernière #fin 3/3"));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);
        var again = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(result, again);
        var root = await pds.GetRecordAsync(BlueskyRecordKey.Derive("pds-thread:bluesky"));
        var first = await pds.GetRecordAsync(BlueskyRecordKey.Derive("pds-thread:bluesky#1"));
        var second = await pds.GetRecordAsync(BlueskyRecordKey.Derive("pds-thread:bluesky#2"));
        Assert.Equal(root["uri"]!.GetValue<string>(), first["value"]!["reply"]!["root"]!["uri"]!.GetValue<string>());
        Assert.Equal(root["cid"]!.GetValue<string>(), first["value"]!["reply"]!["root"]!["cid"]!.GetValue<string>());
        Assert.Equal(root["cid"]!.GetValue<string>(), first["value"]!["reply"]!["parent"]!["cid"]!.GetValue<string>());
        Assert.Equal(root["cid"]!.GetValue<string>(), second["value"]!["reply"]!["root"]!["cid"]!.GetValue<string>());
        Assert.Equal(first["uri"]!.GetValue<string>(), second["value"]!["reply"]!["parent"]!["uri"]!.GetValue<string>());
        Assert.Equal(first["cid"]!.GetValue<string>(), second["value"]!["reply"]!["parent"]!["cid"]!.GetValue<string>());
        Assert.Equal("#fin", Slice(second["value"]!["text"]!.GetValue<string>(), second["value"]!["facets"]![0]!));
    }

    [Fact]
    public async Task PublishAsync_AccessTokenExpiredOnReferencePds_RefreshesOnceAndThePostGoesOut()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        Assert.IsType<PublishResult.Published>(await host.Channel.PublishAsync(Post("pds-before-expiry", Draft("Before expiry", "en")), CancellationToken.None));
        await pds.AdvanceClockAsync(TimeSpan.FromMinutes(121));

        // Act
        var result = await host.Channel.PublishAsync(Post("pds-after-expiry", Draft("After expiry", "en")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal("After expiry", (await pds.GetRecordAsync(BlueskyRecordKey.Derive("pds-after-expiry")))["value"]!["text"]!.GetValue<string>());
        var logs = host.Logs.GetSnapshot();
        Assert.Single(logs, l => l.Message.EndsWith("session refreshed", StringComparison.Ordinal));
        Assert.Single(logs, l => l.Message.Contains("session created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_Over300GraphemesOnReferencePds_ReturnsRejectedWithThePdsMessage()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        var before = await pds.CountPostsAsync();

        // Act
        var result = await host.Channel.PublishAsync(Post("pds-too-long", Draft(new string('é', 301), "fr")), CancellationToken.None);

        // Assert
        var rejected = Assert.IsType<PublishResult.Rejected>(result);
        Assert.Contains("grapheme too big (maximum 300, got 301)", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal(before, await pds.CountPostsAsync());
    }

    [Fact]
    public async Task PublishAsync_WrongAppPasswordOnReferencePds_ReturnsAuthFailed()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, "aaaa-bbbb-cccc-dddd");

        // Act
        var result = await host.Channel.PublishAsync(Post("pds-wrong-password", Draft("Never", "en")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.AuthFailed>(result);
    }

    [Fact]
    public async Task LookupAsync_OnReferencePds_FindsThePublishedPostAndNotAnUnsentOne()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        var post = Post("pds-lookup:bluesky", Draft("Look me up", "en"));
        var published = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Act
        var found = await host.Channel.LookupAsync(post, CancellationToken.None);
        var missing = await host.Channel.LookupAsync(Post("pds-never-sent", Draft("Ghost", "en")), CancellationToken.None);

        // Assert
        Assert.Equal(new LookupResult.Found((PublishResult.Published)published), found);
        Assert.IsType<LookupResult.NotFound>(missing);
    }

    [Fact]
    public async Task PublishAsync_OnReferencePds_CreatedAtFollowsTheClock()
    {
        // Arrange
        using var host = new BlueskyTestHost(pds.PdsUrl, pds.Handle, pds.AppPassword);
        host.Time.Advance(TimeSpan.FromDays(3) + TimeSpan.FromMilliseconds(7));

        // Act
        await host.Channel.PublishAsync(Post("pds-clock", Draft("Three days later", "en")), CancellationToken.None);

        // Assert
        JsonNode stored = (await pds.GetRecordAsync(BlueskyRecordKey.Derive("pds-clock")))["value"]!;
        Assert.Equal("2026-03-17T09:26:53.596Z", stored["createdAt"]!.GetValue<string>());
    }
}
