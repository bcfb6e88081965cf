using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Webhook;
using SyndicationBot.Posts;
using SyndicationBot.Tests.Contract;
using Xunit;

namespace SyndicationBot.Tests.Channels.Webhook;

public sealed class WebhookChannelTests : IAsyncLifetime
{
    private readonly FakeTimeProvider time = new(ChannelTestHost.Start);
    private FakeWebhookServer? server;

    private FakeWebhookServer Server => server!;

    public async Task InitializeAsync() => server = await FakeWebhookServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    [Fact]
    public async Task PublishAsync_JsonFormat_SignedPayloadAcceptedWithReceiversId()
    {
        // Arrange
        await using var host = CreateHost("hook", "json", FakeWebhookServer.Secret);

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(1), CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(new Uri(Server.BaseAddress, $"items/{published.RemoteId}"), published.Url);
        var body = Assert.Single(Server.Received);
        Assert.Equal("Headline 1", (string?)body["title"]);
        Assert.Equal("Summary text 1", (string?)body["summary"]);
        Assert.Equal("https://news.example.com/1", (string?)body["url"]);
        Assert.Equal("de", (string?)body["language"]);
        Assert.Equal("webhook", (string?)body["channel"]);
        Assert.Equal(1, (long?)body["postId"]);
        Assert.Equal("article-1:webhook", Assert.Single(Server.Deliveries));
    }

    [Fact]
    public async Task PublishAsync_WrongSecret_ReceiverRejectsSignatureAsAuthFailed()
    {
        // Arrange
        await using var host = CreateHost("hook", "json", "some-other-secret");

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(2), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.AuthFailed("Webhook 401: bad signature"), result);
        Assert.Empty(Server.Received);
    }

    [Fact]
    public async Task PublishAsync_DiscordFormat_WaitsForTheMessageId()
    {
        // Arrange
        await using var host = CreateHost("discord/123/tok3n", "discord", secret: null);

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(3), CancellationToken.None);

        // Assert
        Assert.Equal("1001", Assert.IsType<PublishResult.Published>(result).RemoteId);
        var body = Assert.Single(Server.Received);
        Assert.Equal("Summary text 3", (string?)body["content"]);
        Assert.Equal("Headline 3", (string?)body["embeds"]![0]!["title"]);
    }

    [Fact]
    public async Task PublishAsync_SlackFormat_PlainOkAnswerUsesTheDeliveryKeyAsId()
    {
        // Arrange
        await using var host = CreateHost("slack", "slack", secret: null);

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(4), CancellationToken.None);

        // Assert
        Assert.Equal(new PublishResult.Published("article-4:webhook", null), result);
        Assert.Equal("Summary text 4", (string?)Assert.Single(Server.Received)["text"]);
    }

    [Fact]
    public async Task PublishAsync_DiscordRateLimitBody_RetryLaterAfterRetryAfterSeconds()
    {
        // Arrange
        await using var host = CreateHost("discord/123/tok3n", "discord", secret: null);
        Server.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            await context.Response.WriteAsync("""{"message":"You are being rate limited.","retry_after":2.5,"global":false}""");
            return true;
        });

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(5), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start.AddSeconds(2.5), retry.NotBefore);
    }

    [Fact]
    public async Task PublishAsync_RetryAfterBodyOf1e30Seconds_RetryLaterAtTheDefaultWaitInsteadOfThrowing()
    {
        // Arrange
        await using var host = CreateHost("discord/123/tok3n", "discord", secret: null);
        Server.InjectFault(async context =>
        {
            context.Response.StatusCode = 429;
            await context.Response.WriteAsync("""{"message":"You are being rate limited.","retry_after":1e30,"global":false}""");
            return true;
        });

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(5), CancellationToken.None);

        // Assert
        var retry = Assert.IsType<PublishResult.RetryLater>(result);
        Assert.True(retry.RateLimited);
        Assert.Equal(ChannelTestHost.Start.AddMinutes(1), retry.NotBefore);
    }

    [Theory]
    [InlineData(502, typeof(PublishResult.RetryLater))]
    [InlineData(404, typeof(PublishResult.Rejected))]
    [InlineData(403, typeof(PublishResult.AuthFailed))]
    public async Task PublishAsync_ReceiverStatus_ClassifiedByStatus(int status, Type expected)
    {
        // Arrange
        await using var host = CreateHost("hook", "json", FakeWebhookServer.Secret);
        Server.InjectFault(context =>
        {
            context.Response.StatusCode = status;
            return Task.FromResult(true);
        });

        // Act
        var result = await host.Get<WebhookChannel>().PublishAsync(Post(6), CancellationToken.None);

        // Assert
        Assert.IsType(expected, result);
    }

    [Fact]
    public async Task Options_JsonWithoutSecret_FailsNamingTheKey()
    {
        // Arrange
        await using var host = CreateHost("hook", "json", secret: null);

        // Act
        var exception = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<WebhookOptions>>().Value);

        // Assert
        Assert.Equal(
            "Channels:Webhook:Secret is required when Channels:Webhook:Enabled is true and Channels:Webhook:Format is json (set the environment variable Channels__Webhook__Secret, the option Channels:Webhook:SecretFile, or the file /run/secrets/webhook_secret).",
            exception.Message);
    }

    [Fact]
    public async Task Logs_AfterPublishing_ContainNeitherSecretNorUrlToken()
    {
        // Arrange
        await using var json = CreateHost("hook", "json", FakeWebhookServer.Secret);
        await using var discord = CreateHost("discord/123/tok3n-secret-part", "discord", secret: null);

        // Act
        await json.Get<WebhookChannel>().PublishAsync(Post(7), CancellationToken.None);
        await discord.Get<WebhookChannel>().PublishAsync(Post(8), CancellationToken.None);

        // Assert
        var logs = json.AllLogText() + discord.AllLogText() + json.Get<IOptions<WebhookOptions>>().Value;
        Assert.Contains("Post 8 published on webhook", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(FakeWebhookServer.Secret, logs, StringComparison.Ordinal);
        Assert.DoesNotContain("tok3n-secret-part", logs, StringComparison.Ordinal);
    }

    private static OutgoingPost Post(long id) => new(
        id,
        $"article-{id}:webhook",
        1,
        new PostDraft("webhook", $"Summary text {id}", 14, 10_000) { Title = $"Headline {id}", Language = "de", Link = new Uri($"https://news.example.com/{id}") });

    private ChannelTestHost CreateHost(string path, string format, string? secret) =>
        ChannelTestHost.Create(
            [
                new("Channels:Webhook:Enabled", "true"),
                new("Channels:Webhook:Url", new Uri(Server.BaseAddress, path).ToString()),
                new("Channels:Webhook:Format", format),
                new("Channels:Webhook:Secret", secret),
            ],
            services => services.AddWebhookChannel(),
            time);
}
