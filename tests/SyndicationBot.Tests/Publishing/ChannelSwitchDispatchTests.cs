using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using SyndicationBot.Channels;
using SyndicationBot.Hosting;
using SyndicationBot.Publishing;
using SyndicationBot.Queue;
using SyndicationBot.Queue.Scheduling;
using SyndicationBot.Queue.Sqlite;
using SyndicationBot.Tests.Support;
using Xunit;

namespace SyndicationBot.Tests.Publishing;

/// <summary>The kill switch (channel pause/resume) as the dispatcher obeys it, on a real SQLite ledger.</summary>
public sealed class ChannelSwitchDispatchTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 9, 0, 0, TimeSpan.Zero);
    private readonly TempLedger _ledger = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly SqliteOperationsLedger _switches;
    private readonly Mock<IChannel> _x = CreateChannel("x");
    private readonly Mock<IChannel> _mastodon = CreateChannel("mastodon");

    public ChannelSwitchDispatchTests()
    {
        _switches = _ledger.Operations();
    }

    public void Dispose() => _ledger.Dispose();

    private SqlitePostQueue Ledger => _ledger.Queue;

    [Fact]
    public async Task RunOnceAsync_ChannelPaused_NeverCallsItWhileOtherChannelsPublish()
    {
        // Arrange
        var target = await CreateTargetAsync();
        var onX = await EnqueueAsync("x");
        var onMastodon = await EnqueueAsync("mastodon");
        await _switches.PauseAsync("x", "test", Start, CancellationToken.None);

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(30));
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        _x.Verify(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()), Times.Never);
        _mastodon.Verify(c => c.PublishAsync(It.Is<OutgoingPost>(p => p.PostId == onMastodon), It.IsAny<CancellationToken>()), Times.Once);
        var kept = await Ledger.GetAsync(onX, CancellationToken.None);
        Assert.Equal(PostState.Queued, kept!.State);
        Assert.Equal(0, kept.Attempts);
        Assert.Null(await Ledger.GetNextWakeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunOnceAsync_AllPaused_SendsNothing()
    {
        // Arrange
        var target = await CreateTargetAsync();
        await EnqueueAsync("x");
        await EnqueueAsync("mastodon");
        await _switches.PauseAsync(ChannelPause.AllChannels, "test", Start, CancellationToken.None);

        // Act
        var handled = await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(0, handled);
        _x.Verify(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()), Times.Never);
        _mastodon.Verify(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task RunOnceAsync_ChannelResumed_SendsEveryKeptPostExactlyOnce()
    {
        // Arrange
        var target = await CreateTargetAsync();
        var ids = new[] { await EnqueueAsync("x"), await EnqueueAsync("x"), await EnqueueAsync("x") };
        await _switches.PauseAsync("x", "test", Start, CancellationToken.None);
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Act
        await _switches.ResumeAsync("x", CancellationToken.None);
        for (var turn = 0; turn < 5; turn++)
        {
            await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        // Assert
        foreach (var id in ids)
        {
            _x.Verify(c => c.PublishAsync(It.Is<OutgoingPost>(p => p.PostId == id), It.IsAny<CancellationToken>()), Times.Once);
            Assert.Equal(PostState.Published, (await Ledger.GetAsync(id, CancellationToken.None))!.State);
        }
    }

    [Fact]
    public async Task RunOnceAsync_PausedWhileABatchIsInFlight_FinishesTheRequestAndKeepsTheRest()
    {
        // Arrange
        var target = await CreateTargetAsync();
        var first = await EnqueueAsync("x");
        var second = await EnqueueAsync("x");
        _x.Setup(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()))
            .Returns(async (OutgoingPost post, CancellationToken _) =>
            {
                // The operator pauses x while its first request is on the wire.
                await _switches.PauseAsync("x", "test", Start, CancellationToken.None);
                return new PublishResult.Published("r" + post.PostId, null);
            });

        // Act
        await target.RunOnceAsync(CancellationToken.None, CancellationToken.None);

        // Assert
        Assert.Equal(PostState.Published, (await Ledger.GetAsync(first, CancellationToken.None))!.State);
        var kept = await Ledger.GetAsync(second, CancellationToken.None);
        Assert.Equal(PostState.Queued, kept!.State);
        Assert.Equal(0, kept.Attempts);
        _x.Verify(c => c.PublishAsync(It.Is<OutgoingPost>(p => p.PostId == second), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static Mock<IChannel> CreateChannel(string name)
    {
        var channel = new Mock<IChannel>();
        channel.SetupGet(c => c.Name).Returns(name);
        channel.SetupGet(c => c.Enabled).Returns(true);
        channel.SetupGet(c => c.Guarantee).Returns(DeliveryGuarantee.Idempotent);
        channel.Setup(c => c.PublishAsync(It.IsAny<OutgoingPost>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((OutgoingPost post, CancellationToken _) => new PublishResult.Published("r" + post.PostId, null));
        return channel;
    }

    private async Task<long> EnqueueAsync(string channel)
    {
        await Ledger.EnqueueAsync(TestArticles.Create("Story " + Guid.NewGuid().ToString("N")), [new(TestArticles.Draft(channel), Start)], _time.GetUtcNow(), CancellationToken.None);
        return (await Ledger.ListAsync(Enum.GetValues<PostState>(), 1000, false, CancellationToken.None)).Max(p => p.Id);
    }

    private async Task<Dispatcher> CreateTargetAsync()
    {
        await Ledger.InitializeAsync(CancellationToken.None);
        return new Dispatcher(
            Ledger,
            [_x.Object, _mastodon.Object],
            new SendAlways(),
            new RetryPolicy(new DispatchOptions(), () => 0.5),
            new DispatchPasses(),
            Options.Create(new DispatchOptions()),
            Options.Create(new StorageOptions()),
            _time,
            NullLogger<Dispatcher>.Instance,
            _switches);
    }

    private sealed class SendAlways : IPostDispatchPolicy
    {
        public Task<DispatchDecision> DecideAsync(QueuedPost post, DateTimeOffset now, DateTimeOffset? lastSentOnChannel, CancellationToken cancellationToken) =>
            Task.FromResult(DispatchDecision.SendNow);
    }
}
