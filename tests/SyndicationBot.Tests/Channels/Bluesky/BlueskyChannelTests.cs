using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Bluesky;
using SyndicationBot.Posts;
using Xunit;
using static SyndicationBot.Tests.Channels.Bluesky.BlueskyTestPosts;

namespace SyndicationBot.Tests.Channels.Bluesky;

public sealed class BlueskyChannelTests : IAsyncLifetime
{
    private const string AppPassword = "abcd-efgh-ijkl-mnop";
    private BlueskyContractServer server = null!;

    public async Task InitializeAsync() => server = await BlueskyContractServer.StartAsync(AppPassword);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task PublishAsync_PostWithLinkTagAndCard_ReturnsAtUriAndWebUrlAndStoresRecordAsDrafted()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post("article-42:bluesky", Draft("Élection à Paris 🇫🇷 #politique https://example.org/a/42", "fr"));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        var rkey = BlueskyRecordKey.Derive("article-42:bluesky");
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Equal($"at://{BlueskyContractServer.Did}/app.bsky.feed.post/{rkey}", published.RemoteId);
        Assert.Equal(new Uri($"https://bsky.app/profile/{BlueskyContractServer.Did}/post/{rkey}"), published.Url);
        var record = server.Records[rkey];
        Assert.Equal(post.Draft.Text, record["text"]!.GetValue<string>());
        Assert.Equal("2026-03-14T09:26:53.589Z", record["createdAt"]!.GetValue<string>());
        Assert.Equal(["fr"], record["langs"]!.AsArray().Select(l => l!.GetValue<string>()));
        var facets = record["facets"]!.AsArray();
        Assert.Equal(2, facets.Count);
        Assert.Equal("#politique", Slice(post.Draft.Text, facets[0]!));
        Assert.Equal("app.bsky.richtext.facet#tag", facets[0]!["features"]![0]!["$type"]!.GetValue<string>());
        Assert.Equal("politique", facets[0]!["features"]![0]!["tag"]!.GetValue<string>());
        Assert.Equal("https://example.org/a/42", Slice(post.Draft.Text, facets[1]!));
        Assert.Equal("app.bsky.richtext.facet#link", facets[1]!["features"]![0]!["$type"]!.GetValue<string>());
        Assert.Equal("https://example.org/a/42", facets[1]!["features"]![0]!["uri"]!.GetValue<string>());
        var external = record["embed"]!["external"]!;
        Assert.Equal("app.bsky.embed.external", record["embed"]!["$type"]!.GetValue<string>());
        Assert.Equal("https://example.org/a/42", external["uri"]!.GetValue<string>());
        Assert.Equal("Élection à Paris", external["title"]!.GetValue<string>());
        Assert.Equal("Les résultats du second tour.", external["description"]!.GetValue<string>());
        Assert.Null(external["thumb"]);
    }

    [Fact]
    public async Task PublishAsync_LanguageUndetermined_SendsNoLangs()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post("und-1", Draft("Plain words https://example.org/x", "und"));

        // Act
        await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        Assert.False(server.Records[BlueskyRecordKey.Derive("und-1")].ContainsKey("langs"));
    }

    [Fact]
    public async Task PublishAsync_CardWithThumbImage_UploadsBlobAndCardReferencesIt()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post("thumb-1", Draft("Picture news https://example.org/p", "en", server.ImageUrl("ok.png")));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        var (cid, blob) = Assert.Single(server.Blobs);
        Assert.Equal("image/png", blob.MimeType);
        var thumb = server.Records[BlueskyRecordKey.Derive("thumb-1")]["embed"]!["external"]!["thumb"]!;
        Assert.Equal("blob", thumb["$type"]!.GetValue<string>());
        Assert.Equal(cid, thumb["ref"]!["$link"]!.GetValue<string>());
        Assert.Equal(blob.Bytes.Length, thumb["size"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("big.png")]
    [InlineData("big-unannounced.png")]
    [InlineData("page.html")]
    [InlineData("missing.png")]
    public async Task PublishAsync_ThumbTooLargeOrNotAnImage_PublishesCardWithoutThumb(string image)
    {
        // Arrange
        using var host = CreateHost();
        var post = Post($"thumb-{image}", Draft("Big picture https://example.org/b", "en", server.ImageUrl(image)));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(0, server.UploadBlobCalls);
        var external = server.Records[BlueskyRecordKey.Derive($"thumb-{image}")]["embed"]!["external"]!;
        Assert.Null(external["thumb"]);
    }

    [Fact]
    public async Task PublishAsync_SeveralPosts_LogsInOnceAndReusesTheSession()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        for (var i = 0; i < 3; i++)
        {
            Assert.IsType<PublishResult.Published>(await host.Channel.PublishAsync(Post($"reuse-{i}", Draft($"Post {i}", "en")), CancellationToken.None));
        }

        // Assert
        Assert.Equal(1, server.CreateSessionCalls);
        Assert.Equal(3, server.Records.Count);
    }

    [Fact]
    public async Task PublishAsync_ManyPostsAtOnce_ShareOneLogin()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => host.Channel.PublishAsync(Post($"parallel-{i}", Draft($"Parallel {i}", "en")), CancellationToken.None)));

        // Assert
        Assert.All(results, r => Assert.IsType<PublishResult.Published>(r));
        Assert.Equal(1, server.CreateSessionCalls);
        Assert.Equal(12, server.Records.Count);
    }

    [Fact]
    public async Task PublishAsync_ManyPostsAfterExpiry_RefreshOnceForAll()
    {
        // Arrange
        using var host = CreateHost();
        await host.Channel.PublishAsync(Post("warm-up", Draft("Warm up", "en")), CancellationToken.None);
        server.ExpireAccessTokens();

        // Act
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => host.Channel.PublishAsync(Post($"after-{i}", Draft($"After {i}", "en")), CancellationToken.None)));

        // Assert
        Assert.All(results, r => Assert.IsType<PublishResult.Published>(r));
        Assert.Equal(1, server.RefreshSessionCalls);
        Assert.Equal(1, server.CreateSessionCalls);
    }

    [Fact]
    public async Task PublishAsync_AccessTokenExpired_RefreshesOnceThenPublishes()
    {
        // Arrange
        using var host = CreateHost();
        await host.Channel.PublishAsync(Post("before-expiry", Draft("First", "en")), CancellationToken.None);
        server.ExpireAccessTokens();

        // Act
        var result = await host.Channel.PublishAsync(Post("after-expiry", Draft("Second", "en")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(1, server.RefreshSessionCalls);
        Assert.Equal(1, server.CreateSessionCalls);
        Assert.True(server.Records.ContainsKey(BlueskyRecordKey.Derive("after-expiry")));
    }

    [Fact]
    public async Task PublishAsync_AccessAndRefreshTokensExpired_LogsInAgainWithAppPasswordAndPublishes()
    {
        // Arrange
        using var host = CreateHost();
        await host.Channel.PublishAsync(Post("old-session", Draft("First", "en")), CancellationToken.None);
        server.ExpireAccessTokens();
        server.ExpireRefreshTokens();

        // Act
        var result = await host.Channel.PublishAsync(Post("new-session", Draft("Second", "en")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(1, server.RefreshSessionCalls);
        Assert.Equal(2, server.CreateSessionCalls);
    }

    [Fact]
    public async Task PublishAsync_AppPasswordRevoked_ReturnsAuthFailedWithoutPosting()
    {
        // Arrange
        using var host = CreateHost();
        server.AppPassword = "revoked-and-replaced";

        // Act
        var result = await host.Channel.PublishAsync(Post("revoked", Draft("Nope", "en")), CancellationToken.None);

        // Assert
        var auth = Assert.IsType<PublishResult.AuthFailed>(result);
        Assert.Contains("Invalid identifier or password", auth.Reason, StringComparison.Ordinal);
        Assert.Equal(0, server.CreateRecordCalls);
    }

    [Fact]
    public async Task PublishAsync_RateLimited_ReturnsRetryLaterNotBeforeRateLimitReset()
    {
        // Arrange
        using var host = CreateHost();
        var reset = host.Time.GetUtcNow().AddMinutes(17);
        server.RateLimitResetEpochSeconds = reset.ToUnixTimeSeconds();

        // Act
        var result = await host.Channel.PublishAsync(Post("limited", Draft("Later", "en")), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(reset.ToUnixTimeSeconds()), retry.NotBefore);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task PublishAsync_ServerFault_ReturnsRetryLaterAndTheRetryPublishesOnce(HttpStatusCode fault)
    {
        // Arrange
        using var host = CreateHost();
        server.CreateRecordFaults.Enqueue(fault);
        var post = Post("fault", Draft("Eventually", "en"));

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(first);
        Assert.False(retry.RateLimited);
        Assert.IsType<PublishResult.Published>(second);
        Assert.Single(server.Records);
    }

    [Fact]
    public async Task PublishAsync_TextOver300Graphemes_ReturnsRejectedWithTheNetworksMessage()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        var result = await host.Channel.PublishAsync(Post("long", Draft(new string('é', 301), "fr")), CancellationToken.None);

        // Assert
        var rejected = Assert.IsType<PublishResult.Rejected>(result);
        Assert.Contains("grapheme too big (maximum 300, got 301)", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(server.Records);
    }

    [Fact]
    public async Task PublishAsync_SamePostSentTwice_KeepsOneRecordAndReturnsItBothTimes()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post("twice", Draft("Only once", "en"));

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.Equal(first, second);
        Assert.Single(server.Records);
    }

    [Fact]
    public async Task PublishAsync_AnswerLostAfterTheWrite_ReturnsTheStoredPostAndNeverPostsASecond()
    {
        // Arrange
        using var host = CreateHost();
        server.FailAfterStoring = HttpStatusCode.GatewayTimeout;
        var post = Post("lost-answer", Draft("Landed anyway", "en"));

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(first);
        Assert.EndsWith(BlueskyRecordKey.Derive("lost-answer"), published.RemoteId, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Single(server.Records);
    }

    [Fact]
    public async Task PublishAsync_ThreadDraft_PostsTheRootThenRepliesChainedToIt()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post("thread-1", Thread("Root https://example.org/t", "Second part 2/3", "Third part #fin 3/3"));

        // Act
        var result = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Assert
        var root = BlueskyRecordKey.Derive("thread-1");
        var first = BlueskyRecordKey.Derive("thread-1#1");
        var second = BlueskyRecordKey.Derive("thread-1#2");
        Assert.Equal($"at://{BlueskyContractServer.Did}/app.bsky.feed.post/{root}", Assert.IsType<PublishResult.Published>(result).RemoteId);
        Assert.Equal(3, server.Records.Count);
        Assert.Null(server.Records[root]["reply"]);
        Assert.EndsWith(root, server.Records[first]["reply"]!["root"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(root, server.Records[first]["reply"]!["parent"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(root, server.Records[second]["reply"]!["root"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith(first, server.Records[second]["reply"]!["parent"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("#fin", Slice(server.Records[second]["text"]!.GetValue<string>(), server.Records[second]["facets"]![0]!));
        Assert.Equal("2026-03-14T09:26:53.591Z", server.Records[second]["createdAt"]!.GetValue<string>());
    }

    [Fact]
    public async Task PublishAsync_ThreadBrokenMidway_RetrySendsOnlyTheMissingParts()
    {
        // Arrange
        using var host = CreateHost();
        server.CreateRecordFaults.Enqueue(HttpStatusCode.OK);
        server.CreateRecordFaults.Enqueue(HttpStatusCode.ServiceUnavailable);
        var post = Post("thread-2", Thread("Root", "Reply one", "Reply two"));

        // Act
        var first = await host.Channel.PublishAsync(post, CancellationToken.None);
        var second = await host.Channel.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(first);
        Assert.IsType<PublishResult.Published>(second);
        Assert.Equal(3, server.Records.Count);
        Assert.Equal(4, server.CreateRecordCalls);
    }

    [Fact]
    public async Task PublishAsync_PdsUnreachable_ReturnsRetryLater()
    {
        // Arrange
        var closedPort = new Uri("http://127.0.0.1:9/");
        using var host = new BlueskyTestHost(closedPort, BlueskyContractServer.Handle, AppPassword);

        // Act
        var result = await host.Channel.PublishAsync(Post("offline", Draft("Nobody home", "en")), CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.RetryLater>(result);
    }

    [Fact]
    public async Task LookupAsync_AfterPublish_FindsThePostAndUnknownPostIsNotFound()
    {
        // Arrange
        using var host = CreateHost();
        var post = Post("lookup", Draft("Find me", "en"));
        var published = await host.Channel.PublishAsync(post, CancellationToken.None);

        // Act
        var found = await host.Channel.LookupAsync(post, CancellationToken.None);
        var missing = await host.Channel.LookupAsync(Post("never-sent", Draft("Ghost", "en")), CancellationToken.None);

        // Assert
        Assert.Equal(new LookupResult.Found((PublishResult.Published)published), found);
        Assert.IsType<LookupResult.NotFound>(missing);
    }

    [Fact]
    public async Task PublishAsync_FacetOutsideTheText_DropsThatFacetAndKeepsTheRest()
    {
        // Arrange
        using var host = CreateHost();
        var text = "Short https://example.org/s";
        var draft = Draft(text, "en") with
        {
            Facets = [new TextFacet("link", 6, Encoding.UTF8.GetByteCount(text), "https://example.org/s"), new TextFacet("link", 6, 400, "https://example.org/s")],
        };

        // Act
        await host.Channel.PublishAsync(Post("bad-facet", draft), CancellationToken.None);

        // Assert
        var facet = Assert.Single(server.Records[BlueskyRecordKey.Derive("bad-facet")]["facets"]!.AsArray());
        Assert.Equal("https://example.org/s", Slice(text, facet!));
    }

    [Fact]
    public async Task PublishAsync_EveryOutcome_LogsNeitherTheAppPasswordNorAnyToken()
    {
        // Arrange
        using var host = CreateHost();

        // Act
        await host.Channel.PublishAsync(Post("log-1", Draft("One https://example.org/1", "en", server.ImageUrl("ok.png"))), CancellationToken.None);
        server.ExpireAccessTokens();
        await host.Channel.PublishAsync(Post("log-2", Draft("Two", "en")), CancellationToken.None);
        server.RateLimitResetEpochSeconds = host.Time.GetUtcNow().AddMinutes(5).ToUnixTimeSeconds();
        await host.Channel.PublishAsync(Post("log-3", Draft("Three", "en")), CancellationToken.None);
        server.RateLimitResetEpochSeconds = null;
        server.ExpireAccessTokens();
        server.ExpireRefreshTokens();
        server.AppPassword = "rotated";
        await host.Channel.PublishAsync(Post("log-4", Draft("Four", "en")), CancellationToken.None);

        // Assert
        var logs = host.Logs.GetSnapshot();
        Assert.NotEmpty(logs);
        string[] secrets = [AppPassword, .. server.IssuedTokens];
        foreach (var record in logs)
        {
            var text = $"{record.Message} {string.Join(' ', record.StructuredState?.Select(kv => kv.Value) ?? [])} {record.Exception}";
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{record.Category} {record.Level}: {text}");
            }
        }
    }

    private BlueskyTestHost CreateHost() => new(server.BaseUrl, BlueskyContractServer.Handle, AppPassword);
}
