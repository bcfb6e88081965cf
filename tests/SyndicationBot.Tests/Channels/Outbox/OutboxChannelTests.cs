using System.Text.Json;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SyndicationBot.Channels;
using SyndicationBot.Channels.Outbox;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Channels.Outbox;

public sealed class OutboxChannelTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 29, 10, 0, 0, TimeSpan.Zero));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task PublishAsync_NewPost_AppendsOneJsonLineWithTheFields()
    {
        // Arrange
        using var target = CreateTarget();
        var post = new OutgoingPost(7, "key-7", 1, TestArticles.Draft("outbox", "Texte « complet »") with { Title = "Titre", Language = "fr", Link = new Uri("https://news.example.com/a") });

        // Act
        var result = await target.PublishAsync(post, CancellationToken.None);

        // Assert
        var published = Assert.IsType<PublishResult.Published>(result);
        Assert.Equal("key-7", published.RemoteId);
        var line = Assert.Single(await File.ReadAllLinesAsync(_folder.Combine("data", "outbox.jsonl")));
        using var json = JsonDocument.Parse(line);
        Assert.Equal(7, json.RootElement.GetProperty("postId").GetInt64());
        Assert.Equal("outbox", json.RootElement.GetProperty("channel").GetString());
        Assert.Equal("Titre", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("Texte « complet »", json.RootElement.GetProperty("text").GetString());
        Assert.Equal(_time.GetUtcNow(), json.RootElement.GetProperty("publishedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task PublishAsync_SamePostAgainAfterARestart_IsNotWrittenTwice()
    {
        // Arrange
        var post = new OutgoingPost(1, "key-1", 1, TestArticles.Draft("outbox"));
        using (var first = CreateTarget())
        {
            await first.PublishAsync(post, CancellationToken.None);
        }

        // Act: a new instance (a restarted process) is handed the same post again.
        using var restarted = CreateTarget();
        var result = await restarted.PublishAsync(post with { Attempt = 2 }, CancellationToken.None);

        // Assert
        Assert.IsType<PublishResult.Published>(result);
        Assert.Single(await File.ReadAllLinesAsync(_folder.Combine("data", "outbox.jsonl")));
    }

    [Fact]
    public async Task PublishAsync_AfterATornLastLine_StartsOnAFreshLine()
    {
        // Arrange
        Directory.CreateDirectory(_folder.Combine("data"));
        await File.WriteAllTextAsync(_folder.Combine("data", "outbox.jsonl"), "{\"postId\":1,\"idempo");
        using var target = CreateTarget();

        // Act
        await target.PublishAsync(new OutgoingPost(2, "key-2", 1, TestArticles.Draft("outbox")), CancellationToken.None);

        // Assert
        var lines = await File.ReadAllLinesAsync(_folder.Combine("data", "outbox.jsonl"));
        Assert.Equal(2, lines.Length);
        Assert.Equal("key-2", JsonDocument.Parse(lines[1]).RootElement.GetProperty("idempotencyKey").GetString());
    }

    private OutboxChannel CreateTarget() => new(
        ChannelAccount.Default(OutboxNetwork.Descriptor),
        Options.Create(new OutboxOptions { Path = "data/outbox.jsonl" }),
        new HostingEnvironment { ContentRootPath = _folder.Path },
        _time,
        NullLogger<OutboxChannel>.Instance);
}
